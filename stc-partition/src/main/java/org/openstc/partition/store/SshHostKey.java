package org.openstc.partition.store;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Optional;
import org.openstc.command.CkResult;
import org.openstc.crypto.SecretBytes;

/**
 * The host's SSH host key (Ed25519) in the store's {@code meta} table: the public key in clear
 * ({@code ssh/host/public}, its 32 raw bytes: {@code sysconf fingerprint ssh} reads it on a sealed
 * host) and the private key ({@code ssh/host/key}, PKCS#8) encrypted by the host master key, as
 * {@link NtlsServerKey} keeps the TLS key. Created at {@code hsm init}, or by the first
 * {@code service start} of a host initialised before SSH existed.
 */
public final class SshHostKey {
  /** Length of a raw Ed25519 public key. */
  public static final int PUBLIC_LENGTH = 32;
  private static final byte[] PUBLIC = NtlsClients.key("ssh/host/public");
  private static final byte[] KEY = NtlsClients.key("ssh/host/key");
  private static final String PURPOSE = "openstc SSH host key";
  /** X.509 SubjectPublicKeyInfo of an Ed25519 key: this prefix, then the 32 raw bytes. */
  private static final int SPKI_PREFIX = 12;

  private final Lmdb db;
  private final HostKeys keys;

  SshHostKey(Lmdb db, HostKeys keys) {
    this.db = db;
    this.keys = keys;
  }

  /** The raw public key and the PKCS#8 private key; the caller wipes {@code pkcs8}. */
  public record Pair(byte[] publicKey, byte[] pkcs8) {}

  /** The raw public key, if the host has an SSH key. */
  public Optional<byte[]> publicKey() throws StoreException {
    return Optional.ofNullable(db.read(txn -> db.meta.get(txn, PUBLIC)));
  }

  /** The key pair, decrypted (the host must be unsealed), if the host has one. */
  public Optional<Pair> load() throws StoreException {
    byte[][] both = db.read(txn -> new byte[][] {db.meta.get(txn, PUBLIC), db.meta.get(txn, KEY)});
    if (both[0] == null || both[1] == null) {
      return Optional.empty();
    }
    return Optional.of(new Pair(both[0], keys.unseal(both[1], PURPOSE)));
  }

  /** The key pair, made and stored first when the host has none (the host must be unsealed). */
  public Pair loadOrCreate() throws StoreException {
    Optional<Pair> existing = load();
    if (existing.isPresent()) {
      return existing.get();
    }
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot make an Ed25519 key: " + e, e);
    }
    byte[] spki = pair.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, SPKI_PREFIX, spki.length);
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    byte[] sealed = keys.seal(pkcs8, PURPOSE);
    db.write(txn -> {
      db.meta.put(txn, PUBLIC, raw);
      db.meta.put(txn, KEY, sealed);
      return null;
    });
    return new Pair(raw, pkcs8);
  }

  /** Wipes a pair's private key. */
  public static void wipe(Pair p) {
    SecretBytes.wipe(p.pkcs8());
  }
}
