package org.openstc.partition.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.openstc.command.CkResult;

/**
 * {@code master.key}: the master keyset AES-256-GCM-wrapped by a key-encryption key (KEK), never
 * in clear. The KEK comes from the SO password (Argon2id, costs stored here) or from M of N shares
 * ({@code m} and {@code n} stored here, the shares in their own files, {@link KekShares}). The
 * associated data binds the wrap to this format, the host serial and the seal id, so a
 * {@code master.key} copied from another host or another initialisation does not open.
 */
final class SealedMasterKey {
  static final String FILE = "master.key";
  static final String FORMAT = "openstc-sealed-master-key-1";
  static final String PASSWORD = "password";
  static final String MOFN = "mofn";

  private SealedMasterKey() {}

  static Path file(Path home) {
    return home.resolve(FILE);
  }

  static boolean isSealed(Path home) {
    return SealFile.isFormat(file(home), FORMAT);
  }

  /** Seals {@code key} under a KEK derived from {@code password} with {@code hasher}'s costs. */
  static void writeWithPassword(Path home, HostRecord host, MasterKey key, char[] password,
      PinHasher hasher, SecureRandom random) throws StoreException {
    SealFile f = header(host).put("mode", PASSWORD);
    PasswordKek.newParameters(f, hasher, random);
    byte[] kek = PasswordKek.derive(f, password);
    try {
      write(home, f, host, key, kek, random);
    } finally {
      Wrap.wipe(kek);
    }
  }

  /** Seals {@code key} under {@code kek}, which M of N shares hold. */
  static void writeWithShares(Path home, HostRecord host, MasterKey key, byte[] kek, int m, int n,
      SecureRandom random) throws StoreException {
    write(home, header(host).put("mode", MOFN).put("m", m).put("n", n), host, key, kek, random);
  }

  private static SealFile header(HostRecord host) {
    return SealFile.create(FORMAT).put("serial", host.serial()).put("seal", host.seal());
  }

  private static void write(Path home, SealFile f, HostRecord host, MasterKey key, byte[] kek,
      SecureRandom random) throws StoreException {
    byte[] nonce = Wrap.nonce(random);
    f.putBytes("nonce", nonce).putBytes("wrapped", Wrap.seal(kek, nonce, ad(f), key.keyset()));
    SealFile.writeOrFail(f, file(home));
  }

  static SealFile read(Path home, HostRecord host) throws StoreException {
    SealFile f = SealFile.read(file(home), FORMAT);
    if (f.getLong("serial", 1, Long.MAX_VALUE) != host.serial() || !f.get("seal").equals(host.seal())) {
      throw f.invalid("it belongs to another host or an earlier initialisation (serial "
          + f.get("serial") + ", this host is " + host.serial() + ")");
    }
    String mode = f.get("mode");
    if (!mode.equals(PASSWORD) && !mode.equals(MOFN)) {
      throw f.invalid("unknown mode " + mode);
    }
    return f;
  }

  /** The master key, if {@code kek} is right; a wrong KEK is CKR_PIN_INCORRECT. */
  static MasterKey open(SealFile f, byte[] kek, long serial) throws StoreException {
    try {
      return MasterKey.of(Wrap.open(kek, f.getBytes("nonce"), ad(f), f.getBytes("wrapped")), serial);
    } catch (Wrap.BadKey e) {
      throw new StoreException(CkResult.CKR_PIN_INCORRECT, "incorrect HSM SO password (or shares)");
    }
  }

  private static String ad(SealFile f) throws StoreException {
    String mode = f.get("mode");
    return FORMAT + "|" + f.get("serial") + "|" + f.get("seal") + "|" + mode
        + (MOFN.equals(mode) ? "|" + f.get("m") + "/" + f.get("n") : "");
  }
}
