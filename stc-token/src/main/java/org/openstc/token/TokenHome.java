package org.openstc.token;

import static org.openstc.token.TokenException.Reason.ALREADY_INITIALIZED;
import static org.openstc.token.TokenException.Reason.CORRUPT;
import static org.openstc.token.TokenException.Reason.IO_ERROR;
import static org.openstc.token.TokenException.Reason.NOT_INITIALIZED;

import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import org.openstc.crypto.Argon2Cost;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * The client home directory layout and the token's life cycle: {@code token/} (LMDB files and,
 * without a passphrase, the key file {@code kek}), {@code client_identities/},
 * {@code partition_identities/} and the lock file {@code .token.lock}.
 */
public final class TokenHome {
  private static final String DATA_FILE = "data.mdb";
  private final Path home;

  private TokenHome(Path home) {
    this.home = home.toAbsolutePath();
  }

  public static TokenHome of(Path home) {
    return new TokenHome(home);
  }

  public Path home() {
    return home;
  }

  public Path tokenDir() {
    return home.resolve("token");
  }

  public Path clientIdentitiesDir() {
    return home.resolve("client_identities");
  }

  public Path partitionIdentitiesDir() {
    return home.resolve("partition_identities");
  }

  /**
   * Whether there is a token or a trace of one: a {@code token/} directory with anything in it. It
   * may still be uninitialized after a crashed tokeninit, or damaged ({@link #open} says which).
   */
  public boolean exists() {
    try (var entries = Files.list(tokenDir())) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      return Files.exists(tokenDir());
    }
  }

  /**
   * Opens the token; {@code NOT_INITIALIZED} if there is none, {@code CORRUPT} (nothing changed) if
   * its store file is missing or damaged or its key file is missing.
   */
  public Token open() throws TokenException {
    if (!exists()) {
      throw notInitialized();
    }
    requireDataFile();
    HomeLock lock = HomeLock.shared(home);
    TokenDb db = null;
    try {
      db = TokenDb.open(tokenDir());
      Token token = new Token(this, lock, db);
      if (!token.info().passphraseProtected()) {
        requirePresent(tokenDir().resolve(TokenKeys.KEK_FILE), "key file");
      }
      return token;
    } catch (TokenException | RuntimeException e) {
      if (db != null) {
        db.close();
      }
      lock.close();
      throw e;
    }
  }

  /**
   * Creates the token with {@code label}. With a passphrase the key encryption key is derived from
   * it (Argon2id at {@link Argon2Cost#RECOMMENDED}); without one (null or empty) it is a random key
   * in the owner-only file {@code token/kek}, protected by file permissions only.
   */
  public TokenInfo init(String label, char[] passphrase) throws TokenException {
    return init(label, passphrase, Argon2Cost.RECOMMENDED);
  }

  /** As {@link #init(String, char[])}, deriving a passphrase's key at {@code kdfCost}. */
  @SuppressWarnings("try") // the lock is held for the block, never called
  public TokenInfo init(String label, char[] passphrase, Argon2Cost kdfCost) throws TokenException {
    TokenChecks.requireLabel(label);
    if (exists()) {
      requireDataFile(); // a token directory without its store is damaged, not free
    }
    try (HomeLock lock = HomeLock.exclusive(home); TokenDb db = TokenDb.open(tokenDir())) {
      TokenStore store = new TokenStore(db);
      if (db.read("read the token", store::initialized)) {
        throw new TokenException(ALREADY_INITIALIZED, "the token in " + home
            + " is already initialized (delete it first with stc tokendelete)");
      }
      SecureRandom random = CryptoProviders.jca().random();
      TokenStore.Meta meta = newMeta(label, passphrase, kdfCost, random);
      db.write("initialize the token", txn -> {
        store.writeMeta(txn, meta);
        return null;
      });
      OwnerOnlyFiles.createDirectories(clientIdentitiesDir());
      OwnerOnlyFiles.createDirectories(partitionIdentitiesDir());
      return new TokenInfo(label, meta.serial(), meta.created(), meta.kdf() != null, 0,
          TokenStore.SCHEMA_VERSION);
    } catch (IOException | GeneralSecurityException e) {
      throw new TokenException(IO_ERROR, "cannot initialize the token: " + e.getMessage(), e);
    }
  }

  private TokenStore.Meta newMeta(String label, char[] passphrase, Argon2Cost kdfCost, SecureRandom random)
      throws IOException, GeneralSecurityException {
    String serial = Long.toString(100_000_000_000L + Math.floorMod(random.nextLong(), 900_000_000_000L));
    boolean withPassphrase = passphrase != null && passphrase.length > 0;
    KdfParams kdf = withPassphrase ? KdfParams.fresh(random, kdfCost) : null;
    byte[] kek = new byte[KdfParams.KEK_LENGTH];
    try {
      if (withPassphrase) {
        kek = kdf.derive(passphrase);
      } else {
        random.nextBytes(kek);
        OwnerOnlyFiles.write(tokenDir().resolve(TokenKeys.KEK_FILE), kek);
      }
      // The AEAD keeps its own copy of the KEK (a key spec Java cannot wipe) until it is garbage.
      Aead kekAead = KeyProtection.kekAead(kek);
      return new TokenStore.Meta(label, serial, Instant.now(),
          withPassphrase ? TokenStore.PASSPHRASE : TokenStore.KEY_FILE, kdf,
          KeyProtection.newEncryptedKeyset(kekAead, serial), 0);
    } finally {
      SecretBytes.wipe(kek);
    }
  }

  /**
   * Deletes the token, damaged or not: the LMDB files and the key file. Refused with {@code BUSY}
   * while another process has it open. Exported identity files are left alone.
   */
  @SuppressWarnings("try") // the lock is held for the block, never called
  public void delete() throws TokenException {
    try (HomeLock lock = HomeLock.exclusive(home)) {
      if (!Files.isDirectory(tokenDir())) {
        throw notInitialized();
      }
      Path dir = tokenDir();
      Files.deleteIfExists(dir.resolve(DATA_FILE));
      wipeAndDelete(dir.resolve(TokenKeys.KEK_FILE));
      try (var rest = Files.list(dir)) {
        for (Path p : (Iterable<Path>) rest::iterator) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw new TokenException(IO_ERROR, "cannot delete the token: " + e, e);
    }
  }

  private static void wipeAndDelete(Path file) throws IOException {
    if (Files.exists(file)) {
      byte[] zeros = new byte[(int) Math.min(Files.size(file), 4096)];
      Files.write(file, zeros);
      SecretBytes.wipe(zeros);
      Files.delete(file);
    }
  }

  void copyPartitionFile(IdentityFile pid) throws TokenException {
    try {
      IdentityFile.partition(pid.serial(), pid.label(), pid.identity()).writeTo(partitionIdentitiesDir());
    } catch (IOException | IdentityFileException e) {
      throw new TokenException(IO_ERROR, "registered, but cannot copy the .pid file: " + e.getMessage(), e);
    }
  }

  void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stale public copy is harmless; the registration itself is already gone
    }
  }

  private void requireDataFile() throws TokenException {
    requirePresent(tokenDir().resolve(DATA_FILE), "store file");
  }

  private void requirePresent(Path file, String what) throws TokenException {
    if (!Files.exists(file)) {
      throw new TokenException(CORRUPT, "the token's " + what + " " + file + " is missing; nothing was"
          + " changed: " + TokenDb.REMEDY);
    }
  }

  private TokenException notInitialized() {
    return new TokenException(NOT_INITIALIZED, "no token in " + home + " (run stc tokeninit)");
  }
}
