package org.openstc.bench;

import java.security.GeneralSecurityException;
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
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;

/**
 * One operation = a full STC/1 handshake in memory, both sides: OPEN, OPEN_RESPONSE, ACTIVATE,
 * ACTIVATE_RESPONSE, with new ephemeral keys each time, registry lookup and key confirmation; no
 * I/O and no RETRY (the client offers exactly the suite measured).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class HandshakeBenchmark {

  /** One suite per family: 25519 with each cipher, P-256, and P-521 (Luna 7.7 parity). */
  @Param({"X25519_AESGCM_SHA256", "X25519_CHACHAPOLY_SHA256", "P256_AESGCM_SHA256",
      "P521_AESGCM_SHA512"})
  public String suite;

  /** {@code JCA} (the JDK alone) or {@code TUNED} (what openstc runs on). */
  @Param({"JCA", "TUNED"})
  public String provider;

  private Pairs pairs;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    pairs = new Pairs(EcdhBenchmark.byName(provider), Suite.valueOf(suite),
        ChannelPolicy.defaults());
  }

  @Benchmark
  public StcChannel[] handshake() throws StcException {
    StcChannel[] channels = pairs.handshake();
    channels[0].destroy();
    channels[1].destroy();
    return channels;
  }
}
