package org.openstc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
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
import org.openstc.jca.OpenStcProvider;
import org.openstc.jca.StcKeyGenSpec;

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
  private static final char[] PIN = BenchPartition.CO_PIN;
  private final byte[] message = new byte[32];
  private final byte[] kib = new byte[1024];
  private final SecureRandom random = new SecureRandom();
  private BenchPartition partition;
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
    partition = BenchPartition.start("jca-bench");
    Path home = partition.home;
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

  @TearDown
  public void tearDown() throws IOException {
    slot.close();
    client.close();
    provider.close();
    partition.close();
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
