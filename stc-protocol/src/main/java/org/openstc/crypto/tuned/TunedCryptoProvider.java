package org.openstc.crypto.tuned;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.HashFunction;
import org.openstc.crypto.jca.JcaCryptoProvider;

/**
 * The provider openstc runs on: for each primitive, the faster of the JDK's implementation and
 * Bouncy Castle's on the running JVM, as measured by {@code ProviderInterleaved} (stc-bench; the
 * table and the reasons are in docs/performance.md, "NIST-curve handshakes"). Both implementations
 * pass the same vectors and Wycheproof cases, and so does this provider, which only chooses:
 * <ul>
 *   <li>P-256, P-521: {@link Choice#nistByBc} (BC's regular comb for public keys and regular
 *       odd-digit windows for agreements; both constant-time, like SunEC's).
 *   <li>X25519 and X448: {@link Choice#xdhByBc}.
 *   <li>ChaCha20-Poly1305: BC on JDKs without the ChaCha20/Poly1305 intrinsics
 *       ({@link Choice#chaChaByBc}); AES-GCM and the SHA-2 hashes always the JDK (intrinsics).
 * </ul>
 * Without Bouncy Castle on the class path (it is optional in stc-protocol) every primitive comes
 * from the JDK.
 */
public final class TunedCryptoProvider implements CryptoProvider {
  public static final TunedCryptoProvider INSTANCE = new TunedCryptoProvider(
      Choice.forJvm(Runtime.version().feature(), Choice.bouncyCastlePresent()));

  private final Choice choice;
  private final CryptoProvider jdk = JcaCryptoProvider.INSTANCE;
  private final CryptoProvider bc;

  TunedCryptoProvider(Choice choice) {
    this.choice = choice;
    this.bc = choice.bc();
  }

  @Override
  public String name() {
    return "TUNED";
  }

  @Override
  public DhFunction dh(String noiseName) throws NoSuchAlgorithmException {
    switch (noiseName) {
      case "P256":
      case "P521": return (choice.nistByBc() ? bc : jdk).dh(noiseName);
      case "25519":
      case "448": return (choice.xdhByBc() ? bc : jdk).dh(noiseName);
      default: throw new NoSuchAlgorithmException("unsupported DH function: " + noiseName);
    }
  }

  @Override
  public CipherFunction cipher(String noiseName) throws NoSuchAlgorithmException {
    if (noiseName.equals("ChaChaPoly") && choice.chaChaByBc()) {
      return bc.cipher(noiseName);
    }
    return jdk.cipher(noiseName);
  }

  @Override
  public HashFunction hash(String noiseName) throws NoSuchAlgorithmException {
    if (bc != null && !jdk.supported().contains(noiseName)) {
      return bc.hash(noiseName); // BLAKE2: the JDK has none
    }
    return jdk.hash(noiseName);
  }

  @Override
  public Set<String> supported() {
    Set<String> all = new HashSet<>(jdk.supported());
    if (bc != null) {
      all.addAll(bc.supported());
    }
    return Set.copyOf(all);
  }

  @Override
  public SecureRandom random() {
    return jdk.random();
  }

  /** What this provider chose on this JVM, for reports and logs. */
  public String choices() {
    return choice.toString();
  }

  @Override
  public String toString() {
    return name();
  }
}
