package org.openstc.stc;

import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;

/** The static identity key types STC/1 supports, by their user-facing names. */
public enum KeyType {
  X25519("x25519", "25519", 1),
  P256("p256", "P256", 2),
  P521("p521", "P521", 3);

  private final String label;
  private final String noiseDh;
  private final int code;

  KeyType(String label, String noiseDh, int code) {
    this.label = label;
    this.noiseDh = noiseDh;
    this.code = code;
  }

  /** The name users type and files carry: {@code x25519}, {@code p256}, {@code p521}. */
  public String label() {
    return label;
  }

  /** The Noise DH name: {@code 25519}, {@code P256}, {@code P521}. */
  public String noiseDh() {
    return noiseDh;
  }

  /** The one-byte code used on the wire (docs/protocol.md, suite codes). */
  public int code() {
    return code;
  }

  public DhFunction dh(CryptoProvider provider) {
    try {
      return provider.dh(noiseDh);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(provider.name() + " lacks " + noiseDh, e);
    }
  }

  /** Parses a user-facing name, case-insensitively. */
  public static KeyType fromLabel(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    for (KeyType t : values()) {
      if (t.label.equals(l)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown key type '" + label + "' (expected x25519, p256 or p521)");
  }

  public static KeyType fromNoiseDh(String noiseDh) {
    for (KeyType t : values()) {
      if (t.noiseDh.equals(noiseDh)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown DH function '" + noiseDh + "'");
  }

  public static KeyType fromCode(int code) {
    for (KeyType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown key type code " + code);
  }
}
