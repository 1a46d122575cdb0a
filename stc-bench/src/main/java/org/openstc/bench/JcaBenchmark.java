package org.openstc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.jca.OpenStcProvider;
import org.openstc.jca.StcKeyGenSpec;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.KeyType;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/**
 * ECDSA P-256 signing and AES-256-GCM encryption of 1 KiB, one operation each, three ways: through
 * the OpenSTC JCA provider ({@code provider*}), through the client API directly
 * ({@code client*}: SIGN_DIGEST / ENCRYPT_GCM on the same channel kind) and with the JDK's own
 * SunEC/SunJCE in process ({@code jdk*}: the local limit, no partition). The partition host runs
 * in the same JVM over loopback TCP, so a partition operation is one STC round trip plus the
 * host's work. Throughput, one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class JcaBenchmark {
  private static final char[] PIN = "co-pin-0001".toCharArray();
  private final byte[] message = new byte[32];
  private final byte[] kib = new byte[1024];
  private final SecureRandom random = new SecureRandom();
  private Path dir;
  private HostStore store;
  private PartitionHost host;
  private OpenStcProvider provider;
  private StcClient client;
  private Slot slot;
  private Signature providerSigner;
  private Signature jdkSigner;
  private long ecHandle;
  private long aesHandle;
  private SecretKey providerAes;
  private SecretKey jdkAes;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("jca-bench");
    Path home = startPartition(dir);
    provider = new OpenStcProvider("home=" + home + ";slot=0");
    KeyStore ks = KeyStore.getInstance("OpenSTC", provider);
    ks.load(null, PIN);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
    g.initialize(new StcKeyGenSpec("bench-ec"));
    providerSigner = Signature.getInstance("SHA256withECDSA", provider);
    providerSigner.initSign(g.generateKeyPair().getPrivate());
    KeyGenerator kg = KeyGenerator.getInstance("AES", provider);
    kg.init(new StcKeyGenSpec("bench-aes"));
    providerAes = kg.generateKey();
    client = StcClient.open(home, null);
    slot = client.openSlot(0);
    slot.login(Role.CO, PIN);
    ecHandle = slot.findObject("bench-ec").orElseThrow().handle();
    aesHandle = slot.findObject("bench-aes").orElseThrow().handle();
    KeyPairGenerator jg = KeyPairGenerator.getInstance("EC", "SunEC");
    jg.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair jdk = jg.generateKeyPair();
    jdkSigner = Signature.getInstance("SHA256withECDSA", "SunEC");
    jdkSigner.initSign(jdk.getPrivate());
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    jdkAes = new SecretKeySpec(raw, "AES");
  }

  /** The one place this benchmark makes a host: a partition, a client home enabled as slot 0. */
  private Path startPartition(Path root) throws Exception {
    store = HostStore.create(root.resolve("host"), "bench", "bench-so-password".toCharArray(),
        new PinHasher(64, 1), true);
    PartitionRecord partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
    Path home = root.resolve("client");
    TokenHome.of(home).init("bench", null);
    IdentityFile pid = Partitions.identityFile(partition);
    try (Token t = Token.open(home)) {
      store.registrations().register(partition.serial(), "bench", t.createIdentity("bench", KeyType.X25519, null).identity());
      t.registerPartition(pid, "par1", pid.fingerprint());
    }
    try (StcClient c = StcClient.open(home, null)) {
      c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
      try (Slot s = c.openSlot(0)) {
        char[] so = "so-pin-0001".toCharArray();
        s.initialize("bench", so);
        s.login(Role.PO, so);
        s.initPin(Role.CO, PIN);
      }
    }
    return home;
  }

  @TearDown
  public void tearDown() throws IOException {
    slot.close();
    client.close();
    provider.close();
    host.close();
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public byte[] providerEcdsaSign() throws Exception {
    providerSigner.update(message);
    return providerSigner.sign();
  }

  @Benchmark
  public byte[] clientEcdsaSignDigest() throws Exception {
    return slot.signDigest(ecHandle, MessageDigest.getInstance("SHA-256").digest(message));
  }

  @Benchmark
  public byte[] jdkEcdsaSign() throws Exception {
    jdkSigner.update(message);
    return jdkSigner.sign();
  }

  @Benchmark
  public byte[] providerAesGcm1k() throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", provider);
    c.init(Cipher.ENCRYPT_MODE, providerAes, random);
    return c.doFinal(kib);
  }

  @Benchmark
  public byte[] clientAesGcm1k() throws Exception {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    return slot.encryptGcm(aesHandle, iv, kib, new byte[0], 16);
  }

  @Benchmark
  public byte[] jdkAesGcm1k() throws Exception {
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    c.init(Cipher.ENCRYPT_MODE, jdkAes, new GCMParameterSpec(128, iv));
    return c.doFinal(kib);
  }
}
