package org.openstc.partition.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import org.openstc.command.CkResult;
import org.openstc.identity.internal.SmallFiles;

/**
 * Auto-activation (the appliance's policy 23): {@code autoactivation.sealed} in the home holds the
 * master key wrapped by a key derived from a host-local key file that the administrator places
 * (owner-only, 32..4096 random bytes, ideally on another disk). With it the service starts
 * unattended. Weaker than a sealed host: whoever reads both that file and the home has every key.
 */
public final class AutoActivation {
  static final String FILE = "autoactivation.sealed";
  static final String FORMAT = "openstc-auto-activation-1";
  private static final int MIN_KEY_FILE = 32;
  private static final int MAX_KEY_FILE = 4096;

  private AutoActivation() {}

  public static boolean isEnabled(Path home) {
    return Files.exists(home.resolve(FILE));
  }

  /** Seals {@code key} under {@code keyFile} (absolute path recorded) and enables auto-activation. */
  public static void enable(Path home, MasterKey key, Path keyFile) throws StoreException {
    HostRecord host = HostRecord.read(home);
    Path abs = keyFile.toAbsolutePath().normalize();
    byte[] kek = kek(abs);
    try {
      SealFile f = SealFile.create(FORMAT).put("serial", host.serial()).put("seal", host.seal())
          .put("keyfile", abs);
      byte[] nonce = Wrap.nonce(new SecureRandom());
      f.putBytes("nonce", nonce).putBytes("wrapped", Wrap.seal(kek, nonce, ad(f), key.keyset()));
      SealFile.writeOrFail(f, home.resolve(FILE));
    } finally {
      Wrap.wipe(kek);
    }
  }

  public static void disable(Path home) throws StoreException {
    SealFile.deleteOrFail(home.resolve(FILE));
  }

  /** The master key from the auto-activation blob; empty when auto-activation is not enabled. */
  public static Optional<MasterKey> unseal(Path home) throws StoreException {
    if (!isEnabled(home) || !HostActivation.autoActivationAllowed(home)) {
      return Optional.empty();
    }
    HostRecord host = HostRecord.read(home);
    SealFile f = SealFile.read(home.resolve(FILE), FORMAT);
    if (f.getLong("serial", 1, Long.MAX_VALUE) != host.serial() || !f.get("seal").equals(host.seal())) {
      throw f.invalid("it was made for another host or an earlier initialisation");
    }
    byte[] kek = kek(Path.of(f.get("keyfile")));
    try {
      return Optional.of(MasterKey.of(Wrap.open(kek, f.getBytes("nonce"), ad(f), f.getBytes("wrapped")),
          host.serial()));
    } catch (Wrap.BadKey e) {
      throw new StoreException(CkResult.CKR_PIN_INCORRECT, "the auto-activation key file "
          + f.get("keyfile") + " is not the one auto-activation was enabled with (or the blob was"
          + " altered); start the service with the SO password, then enable auto-activation again");
    } finally {
      Wrap.wipe(kek);
    }
  }

  private static byte[] kek(Path keyFile) throws StoreException {
    byte[] content = null;
    try {
      HostKeys.checkOwnerOnly(keyFile, "the auto-activation key file");
      content = SmallFiles.read(keyFile, MAX_KEY_FILE);
      if (content.length < MIN_KEY_FILE) {
        throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "the auto-activation key file " + keyFile
            + " must hold at least " + MIN_KEY_FILE + " random bytes (head -c 32 /dev/urandom)");
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Bytes.utf8(FORMAT + " key"));
      return sha.digest(content);
    } catch (SmallFiles.TooLarge e) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "the auto-activation key file " + keyFile
          + " is larger than " + MAX_KEY_FILE + " bytes");
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot read the auto-activation key file "
          + keyFile + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      Wrap.wipe(content);
    }
  }

  private static String ad(SealFile f) throws StoreException {
    return FORMAT + "|" + f.get("serial") + "|" + f.get("seal") + "|" + f.get("keyfile");
  }
}
