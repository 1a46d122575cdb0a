package org.openstc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.crypto.KeyAgreement;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;

/**
 * The public-key arithmetic floor of a handshake (docs/performance.md 5.5): the thread CPU time of
 * each operation an STC handshake and figure d's TLS 1.3 mutual handshake perform, measured in
 * interleaved slices in one JVM, and the sums per handshake. Thread CPU time, not wall time: on a
 * loaded machine the wall clock also counts the waits for a core; the minimum over rounds is the
 * least disturbed estimate.
 *
 * <p>STC (Noise IK, both sides): 2 ephemeral key generations and 8 agreements ({@code es, ss} and
 * {@code ee, se} on each side), on {@code TUNED}. TLS 1.3 as figure d runs it (JDK client and
 * server, ECDSA P-256 certificates; JFR profile in 5.5): the client offers an x25519 and a secp256r1
 * key share (2 key generations), the server answers x25519 (1 key generation), both agree once,
 * each side signs one CertificateVerify and verifies the peer's; the certificates' own signatures
 * are verified once per JVM (the JDK caches the decoded certificate and the result).
 *
 * <pre>
 * java -cp stc-bench/target/benchmarks.jar org.openstc.bench.HandshakeArithmetic [rounds] [sliceMillis]
 * </pre>
 */
public final class HandshakeArithmetic {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final String[] CURVES = {"P521", "P256", "25519"};
  private final Map<String, Callable<Object>> ops = new LinkedHashMap<>();
  private long sink;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    long slice = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1_000_000L;
    System.out.print(new HandshakeArithmetic().run(rounds, slice));
  }

  /** For the smoke test: a token run. */
  static String tokenRun() throws Exception {
    return new HandshakeArithmetic().run(1, 1_000_000L);
  }

  private HandshakeArithmetic() throws Exception {
    SecureRandom random = new SecureRandom();
    for (String curve : CURVES) {
      DhFunction dh = CryptoProviders.tuned().dh(curve);
      DhKeyPair mine = dh.generateKeyPair(random);
      byte[] peer = dh.generateKeyPair(random).publicKey();
      ops.put("STC " + curve + " keygen", () -> dh.generateKeyPair(random));
      ops.put("STC " + curve + " agree", () -> mine.agree(peer));
    }
    KeyPairGenerator xdh = KeyPairGenerator.getInstance("X25519", "SunEC");
    KeyPair mine = xdh.generateKeyPair();
    PublicKey peer = xdh.generateKeyPair().getPublic();
    ops.put("TLS X25519 keygen", xdh::generateKeyPair);
    ops.put("TLS X25519 agree", () -> {
      KeyAgreement k = KeyAgreement.getInstance("X25519", "SunEC");
      k.init(mine.getPrivate());
      k.doPhase(peer, true);
      return k.generateSecret();
    });
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", "SunEC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair signer = ec.generateKeyPair();
    ops.put("TLS P-256 keygen", ec::generateKeyPair);
    byte[] content = new byte[130]; // TLS 1.3 CertificateVerify: 64 spaces, context, 0, hash
    random.nextBytes(content);
    byte[] signature = sign(signer, content);
    ops.put("TLS ECDSA P-256 sign", () -> sign(signer, content));
    ops.put("TLS ECDSA P-256 verify", () -> {
      Signature v = Signature.getInstance("SHA256withECDSA", "SunEC");
      v.initVerify(signer.getPublic());
      v.update(content);
      if (!v.verify(signature)) {
        throw new IllegalStateException("signature does not verify");
      }
      return v;
    });
  }

  private static byte[] sign(KeyPair key, byte[] content) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA", "SunEC");
    s.initSign(key.getPrivate());
    s.update(content);
    return s.sign();
  }

  private String run(int rounds, long sliceNanos) throws Exception {
    Map<String, List<Double>> micros = new LinkedHashMap<>();
    for (int round = -2; round < rounds; round++) { // two rounds of warm-up
      for (Map.Entry<String, Callable<Object>> op : ops.entrySet()) {
        long n = 0;
        long start = System.nanoTime();
        long cpu0 = CPU.getCurrentThreadCpuTime();
        do {
          sink += op.getValue().call().hashCode();
          n++;
        } while (System.nanoTime() - start < sliceNanos);
        double us = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
        if (round >= 0) {
          micros.computeIfAbsent(op.getKey(), k -> new ArrayList<>()).add(us);
        }
      }
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "## %s %s, %d rounds x %d ms, thread CPU us per operation (sink %d)%n%n"
            + "| operation | min | median | max |%n|---|---:|---:|---:|%n",
        System.getProperty("java.vm.name"), Runtime.version(), rounds, sliceNanos / 1_000_000,
        sink & 1));
    Map<String, Double> min = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> e : micros.entrySet()) {
      List<Double> v = new ArrayList<>(e.getValue());
      Collections.sort(v);
      min.put(e.getKey(), v.get(0));
      out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", e.getKey(), v.get(0),
          v.get(v.size() / 2), v.get(v.size() - 1)));
    }
    double tls = 2 * min.get("TLS X25519 keygen") + 2 * min.get("TLS X25519 agree")
        + min.get("TLS P-256 keygen") + 2 * min.get("TLS ECDSA P-256 sign")
        + 2 * min.get("TLS ECDSA P-256 verify");
    out.append(String.format(Locale.ROOT, "%nPer handshake, from the minima (us of CPU):%n%n"
        + "| handshake | operations | CPU us | TLS / this |%n|---|---|---:|---:|%n"
        + "| TLS 1.3 mutual | 2 X25519 keygen + 2 agree + 1 P-256 keygen + 2 ECDSA sign + 2 verify"
        + " | %.0f | 1.00 |%n", tls));
    for (String curve : CURVES) {
      for (int agreements : new int[] {8, 7}) {
        double stc = 2 * min.get("STC " + curve + " keygen")
            + agreements * min.get("STC " + curve + " agree");
        out.append(String.format(Locale.ROOT, "| STC %s%s | 2 keygen + %d agree | %.0f | %.2f |%n",
            curve, agreements == 8 ? "" : " (client caches ss)", agreements, stc, tls / stc));
      }
    }
    return out.toString();
  }
}
