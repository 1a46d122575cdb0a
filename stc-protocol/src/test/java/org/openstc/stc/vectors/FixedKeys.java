package org.openstc.stc.vectors;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.openstc.crypto.CryptoProvider;
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

  /** Hex of {@code b}, lower case. */
  static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  static byte[] unhex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
