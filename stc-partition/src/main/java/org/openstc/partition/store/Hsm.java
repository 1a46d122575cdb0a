package org.openstc.partition.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.openstc.command.CkResult;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * The host as an HSM: {@code hsm init} creates it (label, serial, sealed master key, empty store),
 * the HSM SO unseals it, {@code hsm zeroize} destroys it. The only way a host home comes to exist.
 * After {@value #SO_LOGIN_LIMIT} consecutive failed SO logins the host zeroizes itself, as the
 * appliance does; the count is kept in {@code host.record} across processes.
 */
public final class Hsm {
  /** Failed HSM SO logins in a row that zeroize the host (the appliance's number). */
  public static final int SO_LOGIN_LIMIT = 3;
  private static final Pattern LABEL = Pattern.compile("[!#$%'()*+,\\-./0-9:=@A-Z\\[\\]^_a-z{}~]{1,32}");
  private static final int MIN_PASSWORD = 7;
  private static final int MAX_PASSWORD = 255;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Hsm() {}

  /** Whether {@code home} holds an initialised, not zeroized host. */
  public static boolean isInitialized(Path home) {
    try {
      return HostRecord.exists(home) && !HostRecord.read(home).zeroized();
    } catch (StoreException e) {
      return true; // a damaged record is not "free to initialise"; opening it says what is wrong
    }
  }

  /** The host record of an initialised (or zeroized) host. */
  public static HostRecord record(Path home) throws StoreException {
    if (!HostRecord.exists(home)) {
      throw HostHome.notInitialized(home);
    }
    return HostRecord.read(home);
  }

  /**
   * Creates the host in {@code home}: a new master key sealed by {@code secret} (a password, or
   * new shares), an empty store, and {@code host.record}, which keeps {@code hasher}'s cost for
   * every later password of this host ({@link #hasher}). Refused on an initialised host (zeroize
   * it first) and on an older home (see {@link HostMigration}). Returns the master key unsealed.
   */
  public static MasterKey init(Path home, String label, SoSecret secret, PinHasher hasher) throws StoreException {
    checkLabel(label);
    if (isInitialized(home)) {
      throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "the host in " + home
          + " is already initialised: zeroize it first (hsm init asks to, or hsm zeroize)");
    }
    if (HostMigration.isOlderHome(home)) {
      throw HostMigration.refusal(home);
    }
    try {
      OwnerOnlyFiles.createDirectories(home);
      deleteTree(home.resolve(HostHome.STORE_DIR)); // a zeroized host's leftovers, if any
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot prepare " + home + ": " + e.getMessage(), e);
    }
    HostRecord host = HostRecord.fresh(label, newSerial(home), HexFormat.of().formatHex(randomBytes(16)),
        hasher.cost());
    MasterKey key = MasterKey.generate(host.serial());
    seal(home, host, key, secret, hasher);
    Lmdb.open(home.resolve(HostHome.STORE_DIR), true).close();
    host.write(home);
    return key;
  }

  /** Writes {@code master.key} (and shares) for {@code key} as {@code secret} says. */
  static void seal(Path home, HostRecord host, MasterKey key, SoSecret secret, PinHasher hasher)
      throws StoreException {
    if (secret.isPassword()) {
      checkPassword(secret.password);
      SealedMasterKey.writeWithPassword(home, host, key, secret.password, hasher, RANDOM);
      return;
    }
    int n = secret.sharePasswords.size();
    if (secret.m < 2 || secret.m > n || n > 16) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "M of N needs 2 <= M <= N <= 16, not "
          + secret.m + "/" + n);
    }
    for (char[] p : secret.sharePasswords) {
      checkPassword(p);
    }
    List<Path> files = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      files.add(SoSecret.shareFile(secret.shareDir, host.serial(), i, n));
      if (Files.exists(files.get(i - 1))) {
        throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, files.get(i - 1)
            + " already exists; nothing was overwritten");
      }
    }
    byte[] kek = randomBytes(Wrap.KEY_LENGTH);
    try {
      OwnerOnlyFiles.createDirectories(secret.shareDir);
      KekShares.write(host, kek, secret.m, files, secret.sharePasswords, hasher, RANDOM);
      SealedMasterKey.writeWithShares(home, host, key, kek, secret.m, n, RANDOM);
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot create " + secret.shareDir + ": "
          + e.getMessage(), e);
    } finally {
      Wrap.wipe(kek);
    }
  }

  /** Hashes new passwords of the host in {@code home} at the cost chosen at {@link #init}. */
  public static PinHasher hasher(Path home) throws StoreException {
    return new PinHasher(record(home).kdf());
  }

  /** "Password" or "M of N shares (M/N)": what unseals this host's master key. */
  public static String sealMode(Path home) throws StoreException {
    SealFile f = SealedMasterKey.read(home, HostRecord.read(home));
    return SealedMasterKey.PASSWORD.equals(f.get("mode")) ? "Password"
        : "M of N shares (" + f.get("m") + "/" + f.get("n") + ")";
  }

  /** Refuses a home that is not an initialised, whole host (before asking for any password). */
  public static void requireInitialized(Path home) throws StoreException {
    HostHome.check(home);
  }

  /**
   * The master key, unsealed by the SO's password or shares. A wrong password counts; the
   * {@value #SO_LOGIN_LIMIT}th in a row zeroizes the host (CKR_PIN_LOCKED). Success resets the count.
   */
  public static MasterKey unseal(Path home, SoSecret secret) throws StoreException {
    HostHome.check(home);
    HostRecord host = HostRecord.read(home);
    SealFile sealed = SealedMasterKey.read(home, host);
    boolean password = SealedMasterKey.PASSWORD.equals(sealed.get("mode"));
    if (password != secret.isPassword()) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, password
          ? "this host is sealed by the HSM SO password, not by shares"
          : "this host is sealed by M of N shares (" + sealed.get("m") + "/" + sealed.get("n")
              + "): give -shares FILE,... with their holder passwords");
    }
    byte[] kek = null;
    try {
      kek = password ? PasswordKek.derive(sealed, secret.password)
          : KekShares.combine(host, sealed.getInt("m", 2, 255), sealed.getInt("n", 2, 255),
              secret.shareFiles, secret.sharePasswords);
      MasterKey key = SealedMasterKey.open(sealed, kek, host.serial());
      if (host.failedLogins() != 0) {
        host.withFailedLogins(0).write(home);
      }
      return key;
    } catch (StoreException e) {
      if (e.result() == CkResult.CKR_PIN_INCORRECT) {
        throw failedLogin(home, host, e);
      }
      throw e;
    } finally {
      Wrap.wipe(kek);
    }
  }

  private static StoreException failedLogin(Path home, HostRecord host, StoreException e)
      throws StoreException {
    int failed = host.failedLogins() + 1;
    if (failed >= SO_LOGIN_LIMIT) {
      zeroize(home);
      return new StoreException(CkResult.CKR_PIN_LOCKED, "LUNA_RET_SO_LOGIN_FAILURE_THRESHOLD: "
          + SO_LOGIN_LIMIT + " failed HSM SO logins in a row; the host is ZEROIZED (master key, "
          + "partitions and shares destroyed). Run hsm init to start again.");
    }
    host.withFailedLogins(failed).write(home);
    int left = SO_LOGIN_LIMIT - failed;
    return new StoreException(CkResult.CKR_PIN_INCORRECT, "LUNA_RET_UM_PIN_INCORRECT: " + e.getMessage()
        + "; HSM SO login attempts left: " + left + " before HSM zeroization!"
        + (left == 1 ? " Caution: this is your LAST available HSM SO login attempt" : ""));
  }

  /** Re-seals the master key under a new SO password; the old one is required. */
  public static void changePassword(Path home, char[] oldPassword, char[] newPassword, PinHasher hasher)
      throws StoreException {
    checkPassword(newPassword);
    MasterKey key = unseal(home, SoSecret.password(oldPassword));
    try {
      SealedMasterKey.writeWithPassword(home, HostRecord.read(home), key, newPassword, hasher, RANDOM);
    } finally {
      key.destroy();
    }
  }

  /**
   * Destroys every secret of the host, irrecoverably: the sealed master key, the auto-activation
   * blob and the store (partitions, keys, registrations). Shares become worthless: the next init
   * has a new seal id. The record stays, marked zeroized.
   */
  public static void zeroize(Path home) throws StoreException {
    HostRecord host = HostRecord.read(home);
    SealFile.deleteOrFail(SealedMasterKey.file(home));
    AutoActivation.disable(home);
    try {
      deleteTree(home.resolve(HostHome.STORE_DIR));
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot delete the store of " + home + ": "
          + e.getMessage(), e);
    }
    host.asZeroized().write(home);
  }

  static void checkLabel(String label) throws StoreException {
    if (label == null || !LABEL.matcher(label).matches() || Character.isDigit(label.charAt(0))) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "an HSM label is 1-32 characters of "
          + "!#$%'()*+,-./0-9:=@A-Z[]^_a-z{}~ and does not start with a digit");
    }
  }

  static void checkPassword(char[] password) throws StoreException {
    if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      throw new StoreException(CkResult.CKR_PIN_LEN_RANGE, "an HSM SO or share holder password is "
          + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters");
    }
  }

  private static long newSerial(Path home) throws StoreException {
    long previous = HostRecord.exists(home) ? HostRecord.read(home).serial() : 0;
    long serial;
    do {
      serial = 100_000 + RANDOM.nextInt(900_000);
    } while (serial == previous);
    return serial;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
