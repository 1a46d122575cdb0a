package org.openstc.partition.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openstc.command.CkResult;

/**
 * The M of N share files: share {@code i} of the key-encryption key (Shamir, {@link Shamir}),
 * AES-256-GCM-sealed under a key derived from its holder's own password (Argon2id, costs in the
 * file). The associated data binds it to the format, the host serial, the seal id, its index and
 * M/N, so a share of another host or another initialisation, or one renumbered, is refused.
 */
final class KekShares {
  static final String FORMAT = "openstc-kek-share-1";

  private KekShares() {}

  /** Splits {@code kek} and writes one share per file, sealed by the password at the same index. */
  static void write(HostRecord host, byte[] kek, int m, List<Path> files, List<char[]> passwords,
      PinHasher hasher, SecureRandom random) throws StoreException {
    int n = files.size();
    byte[][] shares = Shamir.split(kek, m, n, random);
    try {
      for (int i = 0; i < n; i++) {
        SealFile f = SealFile.create(FORMAT).put("serial", host.serial()).put("seal", host.seal())
            .put("index", i + 1).put("m", m).put("n", n);
        PasswordKek.newParameters(f, hasher, random);
        byte[] key = PasswordKek.derive(f, passwords.get(i));
        try {
          byte[] nonce = Wrap.nonce(random);
          f.putBytes("nonce", nonce).putBytes("wrapped", Wrap.seal(key, nonce, ad(f), shares[i]));
        } finally {
          Wrap.wipe(key);
        }
        SealFile.writeOrFail(f, files.get(i));
      }
    } finally {
      Wrap.wipe(shares);
    }
  }

  /**
   * The key-encryption key from M shares of this host's current seal. A file that is not a share,
   * is damaged, belongs elsewhere or repeats an index is refused before any password is tried; a
   * wrong holder password is CKR_PIN_INCORRECT naming the file.
   */
  static byte[] combine(HostRecord host, int m, int n, List<Path> files, List<char[]> passwords)
      throws StoreException {
    if (files.size() < m) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "this host needs " + m + " of its " + n
          + " shares to unseal; " + files.size() + " given, nothing was changed");
    }
    Map<Integer, SealFile> read = new HashMap<>();
    for (Path file : files) {
      SealFile f = SealFile.read(file, FORMAT);
      if (f.getLong("serial", 1, Long.MAX_VALUE) != host.serial() || !f.get("seal").equals(host.seal())) {
        throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, file + " is a share of another host or"
            + " of an earlier initialisation (serial " + f.get("serial") + "; this host is "
            + host.serial() + "); nothing was changed");
      }
      if (f.getInt("m", 2, 255) != m || f.getInt("n", 2, 255) != n) {
        throw f.invalid("its M of N is not this host's " + m + "/" + n);
      }
      if (read.put(f.getInt("index", 1, n), f) != null) {
        throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "share " + f.get("index")
            + " is given twice; " + m + " different shares are needed");
      }
    }
    Map<Integer, byte[]> shares = new HashMap<>();
    try {
      for (int i = 0; i < files.size(); i++) {
        SealFile f = SealFile.read(files.get(i), FORMAT);
        byte[] key = PasswordKek.derive(f, passwords.get(i));
        try {
          shares.put(f.getInt("index", 1, n), Wrap.open(key, f.getBytes("nonce"), ad(f), f.getBytes("wrapped")));
        } catch (Wrap.BadKey e) {
          throw new StoreException(CkResult.CKR_PIN_INCORRECT, "incorrect holder password for share "
              + files.get(i) + " (or the share was altered)");
        } finally {
          Wrap.wipe(key);
        }
      }
      return Shamir.combine(shares);
    } finally {
      shares.values().forEach(Wrap::wipe);
    }
  }

  private static String ad(SealFile f) throws StoreException {
    return FORMAT + "|" + f.get("serial") + "|" + f.get("seal") + "|" + f.get("index") + "|"
        + f.get("m") + "/" + f.get("n");
  }
}
