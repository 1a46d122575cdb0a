package org.openstc.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.WNafL2RMultiplier;
import org.openstc.crypto.Aead;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.internal.EcCurves;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.StcChannel;
import org.openstc.stc.Suite;

/**
 * The per-operation provider choice, measured as {@link Interleaved} measures the record layer:
 * short slices of every implementation of one operation, alternating round after round in one
 * warmed-up JVM, each rate divided by the JCA (JDK provider) rate of the same round; the median
 * ratio is what {@code TUNED} should pick from. Operations: key generation and agreement for P-256,
 * P-521 and X25519, with BC's variable-time wNAF and regular comb multipliers shown apart for the
 * NIST agreement, a 1 KiB seal for AES-GCM and ChaCha20-Poly1305, and whole in-memory handshakes
 * (both sides, as {@link HandshakeBenchmark}) on JCA and on TUNED.
 *
 * <pre>
 * java -cp stc-bench/target/benchmarks.jar \
 *   org.openstc.bench.ProviderInterleaved [rounds] [sliceMillis]
 * </pre>
 */
public final class ProviderInterleaved {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Operation name to its implementations, the JCA one first (the denominator). */
  private final Map<String, Map<String, Callable<byte[]>>> ops = new LinkedHashMap<>();
  private long sink;

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long slice = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1_000_000L;
    System.out.print(new ProviderInterleaved().run(rounds, slice));
  }

  /** For the smoke test: a token run. */
  static String tokenRun() throws Exception {
    return new ProviderInterleaved().run(1, 1_000_000L);
  }

  private ProviderInterleaved() throws Exception {
    for (String dh : new String[] {"P256", "P521", "25519"}) {
      Map<String, Callable<byte[]>> keygen = new LinkedHashMap<>();
      Map<String, Callable<byte[]>> agree = new LinkedHashMap<>();
      for (CryptoProvider p : CryptoProviders.all()) {
        String name = p.name();
        DhFunction f = p.dh(dh);
        DhKeyPair own = f.generateKeyPair(RANDOM);
        byte[] peer = f.generateKeyPair(RANDOM).publicKey();
        keygen.put(name, () -> f.generateKeyPair(RANDOM).publicKey());
        agree.put(name, () -> own.agree(peer));
        if (name.equals("BC") && !dh.equals("25519")) { // BC's other multipliers, for the record
          agree.put("BC-wNAF", multiplication(dh, peer, new WNafL2RMultiplier()));
          agree.put("BC-comb", multiplication(dh, peer, new FixedPointCombMultiplier()));
        }
      }
      ops.put(dh + " keygen", keygen);
      ops.put(dh + " agree", agree);
    }
    byte[] plaintext = new byte[1024];
    for (String cipher : new String[] {"AESGCM", "ChaChaPoly"}) {
      Map<String, Callable<byte[]>> seal = new LinkedHashMap<>();
      for (CryptoProvider p : CryptoProviders.all()) {
        Aead aead = p.cipher(cipher).newAead(new byte[32]);
        byte[] out = new byte[plaintext.length + Aead.TAG_LENGTH];
        long[] nonce = {0};
        seal.put(p.name(), () -> {
          aead.seal(nonce[0]++, out, 0, 0, plaintext, 0, plaintext.length, out, 0);
          return out;
        });
      }
      ops.put(cipher + " seal 1KiB", seal);
    }
    for (Suite suite : new Suite[] {Suite.X25519_AESGCM_SHA256, Suite.P256_AESGCM_SHA256,
        Suite.P521_AESGCM_SHA512}) { // both sides of a whole handshake in memory, as JMH's
      Map<String, Callable<byte[]>> handshake = new LinkedHashMap<>();
      for (String name : new String[] {"JCA", "TUNED"}) {
        Pairs pairs = new Pairs(EcdhBenchmark.byName(name), suite, ChannelPolicy.defaults());
        handshake.put(name, () -> {
          StcChannel[] channels = pairs.handshake();
          channels[0].destroy();
          channels[1].destroy();
          return new byte[] {1};
        });
      }
      ops.put("handshake " + suite.keyType(), handshake);
    }
  }

  /**
   * A peer point times a scalar with one of BC's multipliers: wNAF (BC's default, what
   * ECDHBasicAgreement uses; variable time) or the comb (regular; builds the point's table first).
   */
  private static Callable<byte[]> multiplication(String dh, byte[] peer, ECMultiplier m) {
    EcCurves curve = EcCurves.byNoiseName(dh);
    var params = CustomNamedCurves.getByName(curve.standardName());
    BigInteger d = new BigInteger(1, curve.randomScalar(RANDOM));
    return () -> {
      ECPoint q = params.getCurve().decodePoint(peer);
      return m.multiply(q, d).normalize().getAffineXCoord().getEncoded();
    };
  }

  String run(int rounds, long sliceNanos) throws Exception {
    for (Map<String, Callable<byte[]>> variants : ops.values()) { // warm-up
      for (Callable<byte[]> op : variants.values()) {
        rate(op, 3 * sliceNanos);
      }
    }
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (Map.Entry<String, Map<String, Callable<byte[]>>> op : ops.entrySet()) {
        List<String> names = new ArrayList<>(op.getValue().keySet());
        if (r % 2 == 1) {
          java.util.Collections.reverse(names);
        }
        Map<String, Double> round = new LinkedHashMap<>();
        for (String name : names) {
          round.put(name, rate(op.getValue().get(name), sliceNanos));
        }
        double base = round.get("JCA");
        for (Map.Entry<String, Double> e : round.entrySet()) {
          String key = op.getKey() + "|" + e.getKey();
          ratios.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getValue() / base);
          rates.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getValue());
        }
      }
    }
    return table(ratios, rates, rounds, sliceNanos) + (sink == 42 ? " " : "");
  }

  private double rate(Callable<byte[]> op, long nanos) throws Exception {
    long[] sum = {sink};
    double r = rate(op, nanos, sum);
    sink = sum[0];
    return r;
  }

  /**
   * Operations per second of {@code op} over one slice of {@code nanos}; the first byte of each
   * result goes into {@code sink[0]} so that nothing is optimised away.
   */
  static double rate(Callable<byte[]> op, long nanos, long[] sink) throws Exception {
    long count = 0;
    long start = System.nanoTime();
    long now;
    do {
      byte[] out = op.call();
      sink[0] += out.length == 0 ? 0 : out[0];
      count++;
      now = System.nanoTime();
    } while (now < start + nanos);
    return count * 1e9 / (now - start);
  }

  private String table(Map<String, List<Double>> ratios, Map<String, List<Double>> rates,
      int rounds, long sliceNanos) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%nProvider choice: %d rounds, %d ms slices; JVM %s %s%n"
            + "ratio = median over rounds of (ops/s) / (JCA ops/s in the same round) [min..max]%n%n"
            + "| operation | implementation | ops/s (median) | ratio to JCA |%n"
            + "|---|---|---:|---:|%n",
        rounds, sliceNanos / 1_000_000, System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version")));
    for (String key : ratios.keySet()) {
      List<Double> q = ratios.get(key);
      String[] parts = key.split("\\|");
      out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f [%.2f..%.2f] |%n", parts[0],
          parts[1], Interleaved.median(rates.get(key)), Interleaved.median(q), Interleaved.min(q),
          Interleaved.max(q)));
    }
    return out.toString();
  }
}
