package org.openstc.partition.store;

import java.util.Optional;
import org.openstc.crypto.SecretBytes;

/**
 * The NTLS server certificate ({@code ntls/server/cert}, DER) and its private key
 * ({@code ntls/server/key}: PKCS#8, encrypted by the host master key) in the store's {@code meta}
 * table. Written by {@code sysconf regenCert}, read when the NTLS service starts.
 */
public final class NtlsServerKey {
  private static final byte[] CERT = NtlsClients.key("ntls/server/cert");
  private static final byte[] KEY = NtlsClients.key("ntls/server/key");
  private static final String PURPOSE = "openstc NTLS server key";

  private final Lmdb db;
  private final HostKeys keys;

  NtlsServerKey(Lmdb db, HostKeys keys) {
    this.db = db;
    this.keys = keys;
  }

  /** A certificate and its private key; the caller wipes {@code pkcs8} when done. */
  public record Credential(byte[] certificate, byte[] pkcs8) {}

  /** Replaces the certificate and key; {@code pkcs8} is not kept in clear. */
  public void save(byte[] certificate, byte[] pkcs8) throws StoreException {
    byte[] sealed = keys.seal(pkcs8, PURPOSE);
    db.write(txn -> {
      db.meta.put(txn, CERT, certificate);
      db.meta.put(txn, KEY, sealed);
      return null;
    });
  }

  /** The certificate (DER), if one was generated. */
  public Optional<byte[]> certificate() throws StoreException {
    return Optional.ofNullable(db.read(txn -> db.meta.get(txn, CERT)));
  }

  /** The certificate and the decrypted key, if one was generated. */
  public Optional<Credential> load() throws StoreException {
    byte[][] both = db.read(txn -> new byte[][] {db.meta.get(txn, CERT), db.meta.get(txn, KEY)});
    if (both[0] == null || both[1] == null) {
      return Optional.empty();
    }
    return Optional.of(new Credential(both[0], keys.unseal(both[1], PURPOSE)));
  }

  /** Wipes a credential's key. */
  public static void wipe(Credential c) {
    SecretBytes.wipe(c.pkcs8());
  }
}
