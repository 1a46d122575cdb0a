package org.openstc.bench;

import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/**
 * One operation = seal one record of {@code size} payload bytes and open it again on the other side
 * (the whole round of work one message costs the two ends). Next to it, in the same run, the raw
 * JDK ceiling: one AES-256-GCM {@link Cipher}, re-initialised per message with a new IV, sealing and
 * opening the same number of bytes with the same 13 bytes of associated data the record layer
 * authenticates ({@link #rawAesGcm}) and without any ({@link #rawAesGcmNoAad}); and
 * {@link #rawAesGcmAllocating}, which isolates the cost of one new payload array per record.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordBenchmark {

  /** An active channel pair for one suite and mode, with reusable buffers. */
  @State(Scope.Thread)
  public static class ChannelState {
    /** Payload sizes of issue 3: 64 B, 1 KiB, 16 KiB, 64 KiB. */
    @Param({"64", "1024", "16384", "65536"})
    public int size;

    /** The default suite and ChaChaPoly, encrypted and integrity-only. */
    @Param({"AESGCM", "AESGCM_INTEGRITY", "CHACHAPOLY", "CHACHAPOLY_INTEGRITY"})
    public String variant;

    StcChannel sender;
    StcChannel receiver;
    byte[] payload;
    byte[] frame;
    byte[] opened;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, StcException {
      Suite suite = variant.startsWith("AESGCM") ? Suite.X25519_AESGCM_SHA256
          : Suite.X25519_CHACHAPOLY_SHA256;
      ChannelPolicy policy = ChannelPolicy.builder()
          .integrityOnly(variant.endsWith("_INTEGRITY")).build();
      StcChannel[] pair = new Pairs(suite, policy).handshake();
      sender = pair[0];
      receiver = pair[1];
      payload = new byte[size];
      new SplittableRandom(size).nextBytes(payload);
      frame = new byte[StcChannel.sealedLength(size)];
      opened = new byte[size];
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      sender.destroy();
      receiver.destroy();
    }
  }

  /** One AES-256-GCM Cipher with a fixed key; the IV is a counter, as in Noise. */
  @State(Scope.Thread)
  public static class RawState {
    @Param({"64", "1024", "16384", "65536"})
    public int size;

    Cipher cipher;
    SecretKeySpec key;
    byte[] iv = new byte[12];
    long counter;
    byte[] aad = new byte[13];
    byte[] payload;
    byte[] sealed;
    byte[] opened;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      byte[] k = new byte[32];
      new SplittableRandom(32).nextBytes(k);
      key = new SecretKeySpec(k, "AES");
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
      payload = new byte[size];
      new SplittableRandom(size).nextBytes(payload);
      sealed = new byte[size + 16];
      opened = new byte[size];
    }

    GCMParameterSpec nextIv() {
      long n = ++counter;
      for (int i = 0; i < 8; i++) {
        iv[4 + i] = (byte) (n >>> (56 - 8 * i));
      }
      return new GCMParameterSpec(128, iv);
    }
  }

  /**
   * STC/1 record layer: {@code seal} into a reused frame buffer, then {@code openInto} a reused
   * payload buffer, the same buffers raw AES-GCM gets.
   */
  @Benchmark
  public byte[] channel(ChannelState s) throws StcException {
    int n = s.sender.seal(FrameType.DATA, s.payload, 0, s.size, s.frame, 0);
    s.receiver.openInto(Frame.decode(s.frame, 0, n), s.opened, 0);
    return s.opened;
  }

  /** The allocating {@code open}, which returns a new payload array per record. */
  @Benchmark
  public byte[] channelAllocating(ChannelState s) throws StcException {
    int n = s.sender.seal(FrameType.DATA, s.payload, 0, s.size, s.frame, 0);
    InboundRecord r = s.receiver.open(Frame.decode(s.frame, 0, n));
    return r.payload();
  }

  /** Raw JDK AES-256-GCM with the record layer's 13 bytes of associated data. */
  @Benchmark
  public byte[] rawAesGcm(RawState s) throws GeneralSecurityException {
    return raw(s, true);
  }

  /** Raw JDK AES-256-GCM without associated data: the ceiling. */
  @Benchmark
  public byte[] rawAesGcmNoAad(RawState s) throws GeneralSecurityException {
    return raw(s, false);
  }

  /**
   * Raw AES-256-GCM with AAD that, like the channel's {@code open}, allocates a new array for each
   * opened payload: the difference to {@link #rawAesGcm} is the cost of that allocation alone.
   */
  @Benchmark
  public byte[] rawAesGcmAllocating(RawState s) throws GeneralSecurityException {
    GCMParameterSpec iv = s.nextIv();
    s.cipher.init(Cipher.ENCRYPT_MODE, s.key, iv);
    s.cipher.updateAAD(s.aad);
    int n = s.cipher.doFinal(s.payload, 0, s.size, s.sealed, 0);
    s.cipher.init(Cipher.DECRYPT_MODE, s.key, iv);
    s.cipher.updateAAD(s.aad);
    byte[] opened = new byte[s.size];
    s.cipher.doFinal(s.sealed, 0, n, opened, 0);
    return opened;
  }

  private static byte[] raw(RawState s, boolean aad) throws GeneralSecurityException {
    GCMParameterSpec iv = s.nextIv();
    s.cipher.init(Cipher.ENCRYPT_MODE, s.key, iv);
    if (aad) {
      s.cipher.updateAAD(s.aad);
    }
    int n = s.cipher.doFinal(s.payload, 0, s.size, s.sealed, 0);
    s.cipher.init(Cipher.DECRYPT_MODE, s.key, iv);
    if (aad) {
      s.cipher.updateAAD(s.aad);
    }
    s.cipher.doFinal(s.sealed, 0, n, s.opened, 0);
    return s.opened;
  }
}
