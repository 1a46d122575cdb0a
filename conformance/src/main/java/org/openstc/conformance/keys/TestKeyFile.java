package org.openstc.conformance.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhFunction;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/**
 * The conformance suite's raw test key file: a client identity whose private key is stored in
 * clear, so the suite can act as a registered client of any partition host. For test identities
 * only (never a production client's key). Text, one {@code name: value} per line, {@code #}
 * comments:
 *
 * <pre>
 * openstc-test-key: 1
 * type: x25519 | p256 | p521
 * label: conformance-client
 * private: hex of the encoded private key (X25519: 32-byte scalar; NIST: big-endian fixed length)
 * </pre>
 */
public final class TestKeyFile {
  public static final String EXTENSION = ".testkey";
  private static final int MAX_SIZE = 4096;

  private final String label;
  private final KeyType type;
  private final byte[] privateKey;

  private TestKeyFile(String label, KeyType type, byte[] privateKey) {
    this.label = label;
    this.type = type;
    this.privateKey = privateKey;
  }

  /** Generates a fresh key of {@code type}. */
  public static TestKeyFile generate(String label, KeyType type, CryptoProvider provider)
      throws GeneralSecurityException {
    if (!IdentityFile.isValidLabel(label)) {
      throw new IllegalArgumentException("invalid label '" + label + "'");
    }
    DhFunction dh = type.dh(provider);
    SecureRandom random = provider.random();
    for (int attempt = 0; attempt < 64; attempt++) {
      byte[] k = new byte[dh.privateKeyLength()];
      random.nextBytes(k);
      if (type == KeyType.P521) {
        k[0] &= 0x01; // a 521-bit scalar
      }
      try {
        dh.fromPrivateKey(k).destroy();
        return new TestKeyFile(label, type, k);
      } catch (GeneralSecurityException | RuntimeException outOfRange) {
        // a scalar outside 1..n-1: draw again
      }
    }
    throw new GeneralSecurityException("could not draw a valid " + type.label() + " scalar");
  }

  public static TestKeyFile read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = SmallFiles.read(file, MAX_SIZE);
    } catch (SmallFiles.TooLarge e) {
      throw new IOException(file + ": not a test key file (too large)", e);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String raw : new String(bytes, StandardCharsets.UTF_8).lines().toList()) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0 || fields.put(line.substring(0, colon).strip(),
          line.substring(colon + 1).strip()) != null) {
        throw new IOException(file + ": malformed or repeated line '" + line + "'");
      }
    }
    if (!"1".equals(fields.get("openstc-test-key"))) {
      throw new IOException(file + ": not an openstc test key file (version 1)");
    }
    try {
      KeyType type = KeyType.fromLabel(require(fields, "type", file));
      byte[] key = HexFormat.of().parseHex(require(fields, "private", file));
      if (key.length != type.dh(CryptoProviders.jca()).privateKeyLength()) {
        throw new IOException(file + ": a " + type.label() + " private key is "
            + type.dh(CryptoProviders.jca()).privateKeyLength() + " bytes, not " + key.length);
      }
      type.dh(CryptoProviders.jca()).fromPrivateKey(key).destroy();
      return new TestKeyFile(fields.getOrDefault("label", "conformance"), type, key);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  private static String require(Map<String, String> fields, String name, Path file)
      throws IOException {
    String v = fields.get(name);
    if (v == null) {
      throw new IOException(file + ": missing '" + name + "'");
    }
    return v;
  }

  /** Writes the key file, owner-only. */
  public void write(Path file) throws IOException {
    String text = "# openstc conformance test key: UNPROTECTED private key, for test identities only\n"
        + "openstc-test-key: 1\ntype: " + type.label() + "\nlabel: " + label + "\nprivate: "
        + HexFormat.of().formatHex(privateKey) + "\n";
    OwnerOnlyFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The public identity file an operator registers on the partition ({@code <label>.stcid}). */
  public IdentityFile identityFile(CryptoProvider provider) throws GeneralSecurityException,
      IdentityFileException {
    try (Key k = key(provider)) {
      return IdentityFile.client(label, k.key().identity());
    }
  }

  /** The key, ready for a handshake. */
  public InMemoryStaticKey toStaticKey(CryptoProvider provider) throws GeneralSecurityException {
    return InMemoryStaticKey.fromPrivateKey(type, privateKey, provider);
  }

  public String label() {
    return label;
  }

  public KeyType type() {
    return type;
  }

  private Key key(CryptoProvider provider) throws GeneralSecurityException {
    return new Key(toStaticKey(provider));
  }

  private record Key(InMemoryStaticKey key) implements AutoCloseable {
    @Override
    public void close() {
      key.destroy();
    }
  }
}
