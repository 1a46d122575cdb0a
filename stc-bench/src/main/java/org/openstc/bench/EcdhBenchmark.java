package org.openstc.bench;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.internal.EcCurves;

/**
 * The parts of a handshake's Diffie-Hellman work, one per benchmark, per provider: key generation
 * (scalar sampling and the fixed-base multiplication), agreement with a peer key (validation and
 * the variable-base multiplication), validation alone, and scalar sampling alone. The handshake
 * makes two key pairs and six agreements (three per side), so these say where its time goes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class EcdhBenchmark {

  /** {@code JCA} (SunEC), {@code BC} (Bouncy Castle custom curves), {@code TUNED} (hot path). */
  @Param({"JCA", "BC", "TUNED"})
  public String provider;

  @Param({"P256", "P521", "25519"})
  public String curve;

  private final SecureRandom random = new SecureRandom();
  private DhFunction dh;
  private DhKeyPair own;
  private byte[] peer;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    dh = byName(provider).dh(curve);
    own = dh.generateKeyPair(random);
    peer = dh.generateKeyPair(random).publicKey();
  }

  static CryptoProvider byName(String name) {
    for (CryptoProvider p : CryptoProviders.all()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no provider " + name);
  }

  @Benchmark
  public byte[] keygen() throws GeneralSecurityException {
    DhKeyPair pair = dh.generateKeyPair(random);
    byte[] publicKey = pair.publicKey();
    pair.destroy();
    return publicKey;
  }

  @Benchmark
  public byte[] agree() throws GeneralSecurityException {
    return own.agree(peer);
  }

  @Benchmark
  public byte[] validate() throws GeneralSecurityException {
    dh.validatePublicKey(peer);
    return peer;
  }

  /** The rejection sampling of a NIST private scalar (X25519 clamps instead: not measured). */
  @Benchmark
  public byte[] sampleScalar() {
    return EcCurves.byNoiseName(curve.equals("25519") ? "P256" : curve).randomScalar(random);
  }
}
