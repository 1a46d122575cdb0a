package org.openstc.conformance.partition;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.partition.PartitionTarget.Partition;
import org.openstc.noise.CipherState;
import org.openstc.noise.CipherStatePair;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.Patterns;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.internal.ChannelParameters;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.internal.Prologue;
import org.openstc.stc.wire.Wire;

/**
 * A client channel written from docs/protocol.md sections 7 to 14 on the bare Noise engine, not
 * with {@code ClientHandshake}/{@code StcChannel}: it seals records exactly as the spec says but
 * obeys no rekey threshold, so cases can send what a correct {@code StcChannel} never would.
 */
final class IndependentChannel implements Closeable {
  private static final byte[] LABEL_U = "STC1 MacTag_U".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = Wire.FRAME_HEADER + Wire.RECORD_HEADER;

  private final RawConnection connection;
  private final CipherStatePair keys;
  private final ChannelParameters parameters;
  private long nextSeq = 1;

  private IndependentChannel(RawConnection connection, CipherStatePair keys,
      ChannelParameters parameters) {
    this.connection = connection;
    this.keys = keys;
    this.parameters = parameters;
  }

  /** OPEN with the default offer, OPEN_RESPONSE, ACTIVATE; ACTIVATE_RESPONSE is read, not verified. */
  static IndependentChannel activate(PartitionTarget t, Partition p) throws Exception {
    List<Suite> offer = Suite.defaultOffer(p.keyType());
    byte[] prologue = new Prologue(p.serial(), offer.get(0), offer).encode();
    HandshakeState noise = HandshakeState.builder(offer.get(0).noiseSuite(t.provider()),
        Patterns.IK, true).prologue(prologue).localStatic(t.client(p.keyType()))
        .remoteStatic(p.identity().publicKey()).build();
    RawConnection c = t.connect();
    try {
      byte[] msg1 = noise.writeMessage(new byte[0]);
      byte[] body = Arrays.copyOf(prologue, prologue.length + msg1.length);
      System.arraycopy(msg1, 0, body, prologue.length, msg1.length);
      c.send(Frame.encode(FrameType.OPEN, body));
      Frame resp = expect(c, FrameType.OPEN_RESPONSE);
      ChannelParameters params = ChannelParameters.decode(noise.readMessage(resp.body()));
      CipherStatePair keys = noise.split();
      byte[] h = keys.handshakeHash();
      byte[] tag = new byte[h.length + 16];
      keys.sender().encryptWithNonce(0, LABEL_U, 0, LABEL_U.length, h, 0, h.length, tag, 0);
      c.send(Frame.encode(FrameType.ACTIVATE, tag));
      expect(c, FrameType.ACTIVATE_RESPONSE);
      return new IndependentChannel(c, keys, params);
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  private static Frame expect(RawConnection c, FrameType type) throws Exception {
    Frame f = c.read();
    if (f == null || f.type() != type) {
      throw new IllegalStateException("expected " + type + ", got "
          + (f == null ? "end of stream" : f.type() == FrameType.REJECT
              ? "REJECT " + Alerts.toException(f.body()).error() : f.type()));
    }
    return f;
  }

  ChannelParameters parameters() {
    return parameters;
  }

  RawConnection connection() {
    return connection;
  }

  /** A DATA record (section 12) with the next sequence number, key phase 0, current key. */
  byte[] seal(byte[] payload) throws Exception {
    long seq = nextSeq++;
    byte[] f = new byte[HEADER + payload.length + 16];
    Frame.writeHeader(FrameType.DATA, Wire.RECORD_HEADER + payload.length + 16, f, 0);
    f[Wire.FRAME_HEADER] = (byte) (parameters.integrityOnly() ? Wire.FLAG_INTEGRITY_ONLY : 0);
    ByteBuffer.wrap(f, Wire.FRAME_HEADER + 1, 8).putLong(seq);
    keys.sender().encryptWithNonce(seq, f, 0, HEADER, payload, 0, payload.length, f, HEADER);
    return f;
  }

  /**
   * Reads {@code echoes} DATA replies (counted, not opened), then the next frame: another DATA
   * reply is SUCCESS (the host accepted the record); an ALERT is opened under the partition's key
   * of its phase (at most one update happens here) and must be followed by a close.
   */
  Outcome awaitRefusalAfterEchoes(int echoes) throws Exception {
    for (int i = 0; i < echoes; i++) {
      Frame f = connection.read();
      if (f == null || f.type() != FrameType.DATA) {
        return Outcome.unexpected("expected " + echoes + " echoes, got " + (f == null
            ? "end of stream" : f.type()) + " after " + i);
      }
    }
    Frame f = connection.read();
    if (f == null || f.type() != FrameType.ALERT) {
      return f != null && f.type() == FrameType.DATA ? Outcome.success("host accepted it")
          : Outcome.unexpected("expected an ALERT, got " + (f == null ? "end of stream" : f.type()));
    }
    byte[] buf = f.array();
    int flags = buf[f.bodyOffset()] & 0xff;
    long seq = ByteBuffer.wrap(buf, f.bodyOffset() + 1, 8).getLong();
    CipherState key = (flags & Wire.FLAG_KEY_PHASE) == 0 ? keys.receiver()
        : keys.receiver().rekeyedCopy();
    int len = f.bodyLength() - Wire.RECORD_HEADER - 16;
    byte[] alert = new byte[len];
    key.decryptWithNonce(seq, buf, f.frameOffset(), HEADER, buf, f.frameOffset() + HEADER,
        len + 16, alert, 0);
    var refusal = Alerts.toException(alert);
    return connection.closedWithin(RawConnection.CLOSE_WAIT_MILLIS)
        ? Outcome.error(refusal.error(), "ALERT") : Outcome.unexpected("ALERT "
            + refusal.error() + " but the connection stayed open");
  }

  @Override
  public void close() {
    keys.destroy();
    connection.close();
  }
}
