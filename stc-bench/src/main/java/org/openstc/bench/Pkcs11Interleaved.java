package org.openstc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.crypto.bc.internal.TlsCertificates;

/**
 * Issue 18's figure: the same partition operations through PKCS#11 (the JDK's SunPKCS11 on
 * p11-kit-client.so, p11-kit RPC over a Unix socket to {@code bin/stc-p11 serve}, which calls the
 * partition over its own STC channel) and through the Java client API ({@link Slot}) directly,
 * alternating slices in one JVM; ratio and per-call overhead of the RPC hop from the same round.
 * ECDSA P-256 goes as {@code NONEwithECDSA} over a 32-byte digest (CKM_ECDSA; p11-kit 0.24 drops
 * CKM_ECDSA_SHA256). p11-kit 0.24 also drops CKM_AES_GCM, so AES-GCM cannot pass its client module:
 * the 1 KiB payload through the hop is measured with C_GenerateRandom of 1 KiB instead, and
 * AES-GCM 1 KiB through the client API alone. The host runs in this JVM, stc-p11 in its own.
 *
 * <pre>
 * P11_KIT_SERVER_ADDRESS=unix:path=/tmp/stc-p11-bench.sock \
 *   java -cp stc-bench/target/benchmarks.jar \
 *     org.openstc.bench.Pkcs11Interleaved [rounds] [sliceMillis]
 * </pre>
 * (run from the repository root after {@code mvn -DskipTests package}: it starts bin/stc-p11).
 */
public final class Pkcs11Interleaved {
  static final String CLIENT_MODULE = System.getProperty("p11kit.client",
      "/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so");
  private static final String PREFIX = "unix:path=";

  private final Map<String, Callable<byte[]>> ops = new LinkedHashMap<>();
  private final long[] sink = new long[1];

  public static void main(String[] args) throws Exception {
    String address = System.getenv("P11_KIT_SERVER_ADDRESS");
    if (address == null || !address.startsWith(PREFIX)) {
      System.err.println("set P11_KIT_SERVER_ADDRESS=unix:path=SOCKET (a path that does not exist"
          + " yet): p11-kit-client.so reads it, and this figure starts stc-p11 there");
      System.exit(2);
    }
    if (!Files.exists(Path.of(CLIENT_MODULE))) {
      System.err.println(CLIENT_MODULE + " is missing: apt-get install p11-kit-modules");
      System.exit(2);
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long slice = (args.length > 1 ? Long.parseLong(args[1]) : 500) * 1_000_000L;
    Path socket = Path.of(address.substring(PREFIX.length()));
    try (BenchPartition partition = BenchPartition.start("p11-bench");
        StcClient client = StcClient.open(partition.home, null);
        Slot slot = client.openSlot(0)) {
      Process server = serve(partition.home, socket);
      try {
        System.out.print(new Pkcs11Interleaved().setUp(slot, partition.dir).run(rounds, slice));
      } finally {
        server.destroy();
      }
    }
  }

  /** The keys, both paths' operations, and what p11-kit-client offers for AES-GCM. */
  private Pkcs11Interleaved setUp(Slot slot, Path dir) throws Exception {
    slot.login(Role.CO, BenchPartition.CO_PIN);
    long ec = slot.generate(ObjectType.EC_P256, "bench-ec");
    // SunPKCS11's KeyStore lists a private key only with a certificate of the same CKA_ID.
    slot.createObject(ObjectType.CERTIFICATE, "bench-ec", TlsCertificates.selfSigned("bench-ec",
        TlsCertificates.KeyAlgorithm.ECDSA_P256).certificate().getEncoded());
    long aes = slot.generate(ObjectType.AES256, "bench-aes");
    Path config = Files.writeString(dir.resolve("p11.cfg"),
        "name = openstc\nlibrary = " + CLIENT_MODULE + "\nslot = 0\n");
    Provider p11 = Security.getProvider("SunPKCS11").configure(config.toString());
    KeyStore ks = KeyStore.getInstance("PKCS11", p11);
    ks.load(null, BenchPartition.CO_PIN);
    Signature p11Signer = Signature.getInstance("NONEwithECDSA", p11);
    p11Signer.initSign((PrivateKey) ks.getKey("bench-ec", null));
    SecureRandom p11Random = SecureRandom.getInstance("PKCS11", p11);
    byte[] digest = new byte[32];
    new SecureRandom().nextBytes(digest);
    byte[] kib = new byte[1024];
    byte[] iv = new byte[12];
    ops.put("sign|Slot", () -> slot.signDigest(ec, digest));
    ops.put("sign|PKCS#11", () -> {
      p11Signer.update(digest);
      return p11Signer.sign();
    });
    ops.put("random 1KiB|Slot", () -> slot.random(1024));
    ops.put("random 1KiB|PKCS#11", () -> {
      p11Random.nextBytes(kib);
      return kib;
    });
    ops.put("AES-GCM 1KiB|Slot", () -> slot.encryptGcm(aes, iv, kib, new byte[0], 16));
    System.out.println("PKCS#11 AES/GCM/NoPadding through p11-kit-client: " + gcmOffered(p11));
    return this;
  }

  private static String gcmOffered(Provider p11) {
    try {
      javax.crypto.Cipher.getInstance("AES/GCM/NoPadding", p11);
      return "offered";
    } catch (GeneralSecurityException e) {
      return "not offered (" + e.getClass().getSimpleName()
          + ": the client module drops CKM_AES_GCM)";
    }
  }

  /**
   * Starts {@code bin/stc-p11 serve -socket SOCKET} (its output discarded) and waits, up to a
   * minute, until the socket exists; fails at once if stc-p11 ends first.
   */
  private static Process serve(Path home, Path socket) throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("stc.repo.root", ".")).toAbsolutePath();
    Files.deleteIfExists(socket);
    ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/stc-p11").toString(), "serve",
        "-socket", socket.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("STC_HOME", home.toString());
    Process server = pb.start();
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(socket)) {
      if (server.waitFor(20, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
        server.destroy();
        throw new IOException("stc-p11 did not listen on " + socket + " (run from the repository"
            + " root after mvn -DskipTests package; bin/stc-p11 serve shows why)");
      }
    }
    return server;
  }

  String run(int rounds, long sliceNanos) throws Exception {
    for (Callable<byte[]> op : ops.values()) {
      rate(op, 3 * sliceNanos); // warm-up
    }
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      List<String> names = new ArrayList<>(ops.keySet());
      if (r % 2 == 1) {
        java.util.Collections.reverse(names);
      }
      for (String name : names) {
        rates.computeIfAbsent(name, k -> new ArrayList<>()).add(rate(ops.get(name), sliceNanos));
      }
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%nPKCS#11 hop: %d rounds, %d ms slices, one thread; JVM %s %s%n"
            + "ratio = median over rounds of PKCS#11 ops/s / Slot ops/s of the same round"
            + " [min..max];"
            + " hop = median of (1/PKCS#11 - 1/Slot)%n%n| operation | Slot ops/s | PKCS#11 ops/s"
            + " | ratio | hop per call |%n|---|---:|---:|---:|---:|%n", rounds,
        sliceNanos / 1_000_000, System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version")));
    for (String op : new String[] {"sign", "random 1KiB", "AES-GCM 1KiB"}) {
      List<Double> slot = rates.get(op + "|Slot");
      List<Double> p11 = rates.get(op + "|PKCS#11");
      if (p11 == null) {
        out.append(String.format(Locale.ROOT, "| %s | %.0f | not offered | | |%n", op,
            Interleaved.median(slot)));
        continue;
      }
      List<Double> ratio = new ArrayList<>();
      List<Double> hop = new ArrayList<>();
      for (int i = 0; i < slot.size(); i++) {
        ratio.add(p11.get(i) / slot.get(i));
        hop.add(1e6 / p11.get(i) - 1e6 / slot.get(i));
      }
      out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f [%.2f..%.2f] | %.0f us |%n",
          op, Interleaved.median(slot), Interleaved.median(p11), Interleaved.median(ratio),
          Interleaved.min(ratio), Interleaved.max(ratio), Interleaved.median(hop)));
    }
    return out.toString() + (sink[0] == 42 ? " " : "");
  }

  private double rate(Callable<byte[]> op, long nanos) throws Exception {
    return ProviderInterleaved.rate(op, nanos, sink);
  }
}
