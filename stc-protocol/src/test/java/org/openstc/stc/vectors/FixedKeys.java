package org.openstc.stc.vectors;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/**
 * The private keys of the STC/1 vectors, derived from fixed labels so anyone can recompute them:
 * X25519 and P-256 take SHA-256 of the label, P-521 takes two zero bytes followed by SHA-512 of the
 * label (always below the group order). The label is
 * {@code "openstc STC/1 vectors <keytype> <role>"}.
 */
public final class FixedKeys {

  /** Whose key. */
  public enum Role {
    CLIENT_STATIC("client-static"),
    PARTITION_STATIC("partition-static"),
    CLIENT_EPHEMERAL("client-ephemeral"),
    PARTITION_EPHEMERAL("partition-ephemeral"),
    /** A partition key the client wrongly believes in (the "wrong partition key" vectors). */
    IMPOSTOR_STATIC("impostor-static");

    final String label;

    Role(String label) {
      this.label = label;
    }
  }

  private FixedKeys() {}

  public static byte[] privateKey(KeyType type, Role role) {
    byte[] label = ("openstc STC/1 vectors " + type.label() + " " + role.label)
        .getBytes(StandardCharsets.US_ASCII);
    try {
      if (type == KeyType.P521) {
        byte[] h = MessageDigest.getInstance("SHA-512").digest(label);
        byte[] out = new byte[66];
        System.arraycopy(h, 0, out, 2, h.length);
        return out;
      }
      return MessageDigest.getInstance("SHA-256").digest(label);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static InMemoryStaticKey staticKey(KeyType type, byte[] privateKey,
      CryptoProvider provider) throws GeneralSecurityException {
    return InMemoryStaticKey.fromPrivateKey(type, privateKey, provider);
  }

  /**
   * An ephemeral key pair for {@code insecureFixedEphemeral}. The returned pair ignores
   * {@code destroy()} (the key material is fixed test data) so a client can reuse it for its second
   * OPEN after RETRY: {@code ClientHandshake} destroys the caller's fixed key when it handles
   * RETRY (see the report on issue 3).
   */
  public static DhKeyPair ephemeral(KeyType type, byte[] privateKey, CryptoProvider provider)
      throws GeneralSecurityException {
    return new Reusable(type.dh(provider).fromPrivateKey(privateKey));
  }

  /** A fixed key pair that survives {@code destroy()}. Test data only. */
  private static final class Reusable implements DhKeyPair {
    private final DhKeyPair delegate;

    Reusable(DhKeyPair delegate) {
      this.delegate = delegate;
    }

    @Override
    public DhFunction function() {
      return delegate.function();
    }

    @Override
    public byte[] publicKey() {
      return delegate.publicKey();
    }

    @Override
    public byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
      return delegate.agree(peerPublicKey);
    }

    @Override
    public void destroy() {
      // fixed test data: deliberately kept
    }
  }

  /** Hex of {@code b}, lower case. */
  static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  static byte[] unhex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
