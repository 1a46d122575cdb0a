package org.openstc.stc;

import java.security.GeneralSecurityException;
import org.openstc.noise.CipherState;
import org.openstc.noise.CipherStatePair;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * The STC/1 record layer after ACTIVATE (docs/protocol.md, "Records"), sans-IO: {@link #seal}
 * turns a payload into a frame, {@link #open} turns a frame into a verified payload. One key per
 * direction; the explicit sequence number is the AEAD nonce; the replay window is consulted only
 * after the tag verifies; a failed {@code open} changes no state, so the caller decides whether to
 * drop the connection (openstc hosts always do).
 *
 * <p>Sending and receiving may run on different threads; each direction is serialized on its own.
 */
public final class StcChannel {
  private final ChannelInfo info;
  private final Object sendLock = new Object();
  private final Object receiveLock = new Object();
  private final SendState send;
  private final ReceiveState receive;
  private volatile boolean closedBySelf;
  private volatile boolean closedByPeer;
  /** The peer may send DATA records with several messages (docs/protocol.md 24a). */
  private volatile boolean severalFromPeer;

  StcChannel(ChannelInfo info, CipherStatePair keys) {
    this(info, keys, PartitionChecks.STRICT);
  }

  StcChannel(ChannelInfo info, CipherStatePair keys, PartitionChecks checks) {
    this.info = info;
    this.send = new SendState(keys.sender(), info.rekeyThresholdRecords());
    this.receive = new ReceiveState(keys.receiver(), info.replayWindow(),
        info.rekeyThresholdRecords(), checks);
  }

  public ChannelInfo info() {
    return info;
  }

  /** Frame length for a DATA payload of {@code payloadLength} bytes. */
  public static int sealedLength(int payloadLength) {
    return Wire.FRAME_HEADER + Wire.RECORD_HEADER + payloadLength + 16;
  }

  /** Seals {@code payload} into a new DATA frame. */
  public byte[] seal(byte[] payload) throws StcException {
    byte[] out = new byte[sealedLength(payload.length)];
    seal(FrameType.DATA, payload, 0, payload.length, out, 0);
    return out;
  }

  /**
   * Seals {@code in[off, off+len)} as a record of {@code type} into {@code out} at {@code outOff}
   * ({@link #sealedLength(int)} bytes) and returns the frame length.
   */
  public int seal(FrameType type, byte[] in, int off, int len, byte[] out, int outOff)
      throws StcException {
    return seal(type, 0, in, off, len, out, outOff);
  }

  /**
   * Seals {@code in[off, off+len)}, several messages framed by {@link MessageBatch}, as one DATA
   * record with {@link Wire#FLAG_SEVERAL} (docs/protocol.md 24a) and returns the frame length. Only
   * for a peer that agreed to receive such records.
   */
  public int sealSeveral(byte[] in, int off, int len, byte[] out, int outOff)
      throws StcException {
    return seal(FrameType.DATA, Wire.FLAG_SEVERAL, in, off, len, out, outOff);
  }

  private int seal(FrameType type, int extraFlags, byte[] in, int off, int len, byte[] out,
      int outOff) throws StcException {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type + " is not a record type");
    }
    if (type == FrameType.DATA && len > info.maxPlaintext()) {
      throw new IllegalArgumentException("payload of " + len + " bytes exceeds the maximum of "
          + info.maxPlaintext());
    }
    synchronized (sendLock) {
      if (closedBySelf) {
        throw new StcException(StcError.CKR_STC_NO_CHANNEL, "channel is closed");
      }
      return send.seal(type, info.integrityOnly(), extraFlags, in, off, len, out, outOff);
    }
  }

  /**
   * Verifies and opens a record frame. Returns DATA or CLOSE; an ALERT from the peer is thrown as an
   * {@link StcException} with the peer's code. On any failure the channel state is unchanged.
   */
  public InboundRecord open(Frame frame) throws StcException {
    byte[] payload = new byte[Math.max(0, bodyPayloadLength(frame))];
    long seq = verify(frame, payload, 0);
    boolean several = (frame.array()[frame.bodyOffset()] & Wire.FLAG_SEVERAL) != 0;
    return afterOpen(new InboundRecord(frame.type(), seq, payload, several));
  }

  /**
   * From now on the peer may send DATA records that carry several messages (docs/protocol.md 24a);
   * until this is called such a record fails with {@code CKR_STC_FRAME_INVALID}. Never withdrawn.
   */
  public void acceptSeveralPerRecord() {
    severalFromPeer = true;
  }

  public boolean acceptsSeveralPerRecord() {
    return severalFromPeer;
  }

  /**
   * Like {@link #open(Frame)} but writes the payload into the caller's buffer (no allocation per
   * record): returns the payload length of a DATA record, or {@code -1} for CLOSE. {@code out}
   * needs {@code frame.bodyLength() - 25} bytes from {@code outOff}. Only for channels whose peer
   * sends one message per record ({@link #acceptSeveralPerRecord} not called).
   */
  public int openInto(Frame frame, byte[] out, int outOff) throws StcException {
    int length = bodyPayloadLength(frame);
    verify(frame, out, outOff);
    if (frame.type() == FrameType.DATA) {
      return length;
    }
    byte[] payload = java.util.Arrays.copyOfRange(out, outOff, outOff + length);
    afterOpen(new InboundRecord(frame.type(), 0, payload));
    return -1;
  }

  private static int bodyPayloadLength(Frame frame) {
    return Records.payloadLength(frame.bodyLength());
  }

  private long verify(Frame frame, byte[] out, int outOff)
      throws StcException {
    if (!frame.type().isRecord()) {
      throw new StcException(StcError.CKR_STC_UNEXPECTED_MESSAGE,
          frame.type() + " is not allowed on an active channel");
    }
    if (frame.type() == FrameType.DATA && bodyPayloadLength(frame) > info.maxPlaintext()) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, "DATA payload exceeds the channel's "
          + "maximum of " + info.maxPlaintext() + " bytes");
    }
    long seq;
    boolean peerAskedForUpdate;
    synchronized (receiveLock) {
      if (closedByPeer) {
        throw new StcException(StcError.CKR_STC_NO_CHANNEL, "peer already closed the channel");
      }
      seq = receive.open(frame, info.integrityOnly(), severalFromPeer, out, outOff);
      peerAskedForUpdate = receive.takeUpdateRequest();
    }
    if (peerAskedForUpdate) {
      synchronized (sendLock) {
        send.requestRekey(false);
      }
    }
    return seq;
  }

  private InboundRecord afterOpen(InboundRecord record) throws StcException {
    if (record.type() == FrameType.CLOSE) {
      closedByPeer = true;
    } else if (record.type() == FrameType.ALERT) {
      closedByPeer = true;
      throw Alerts.toException(record.payload());
    }
    return record;
  }

  /** Decodes and opens a whole frame held in {@code frame}. */
  public InboundRecord open(byte[] frame) throws StcException {
    return open(Frame.decode(frame));
  }

  /** Forces a key update of our sending key before the next record, and asks the peer to follow. */
  public void rekeyNow() {
    synchronized (sendLock) {
      send.requestRekey(true);
    }
  }

  /** A CLOSE record; after it nothing more can be sent. */
  public byte[] close() throws StcException {
    byte[] out = new byte[sealedLength(0)];
    seal(FrameType.CLOSE, new byte[0], 0, 0, out, 0);
    closedBySelf = true;
    return out;
  }

  /** An ALERT record telling the peer why we are closing; after it nothing more can be sent. */
  public byte[] alert(StcError error, String reason) throws StcException {
    byte[] body = Alerts.encode(error, reason);
    byte[] out = new byte[sealedLength(body.length)];
    int n = seal(FrameType.ALERT, body, 0, body.length, out, 0);
    closedBySelf = true;
    return out.length == n ? out : java.util.Arrays.copyOf(out, n);
  }

  public boolean isClosed() {
    return closedBySelf || closedByPeer;
  }

  public long recordsSent() {
    synchronized (sendLock) {
      return send.sent;
    }
  }

  public long recordsReceived() {
    synchronized (receiveLock) {
      return receive.received();
    }
  }

  /** Records we can still send before our key is updated, or {@code -1} if rekeying is off. */
  public long recordsUntilRekey() {
    synchronized (sendLock) {
      return send.untilRekey();
    }
  }

  /** How many times each direction's key has been updated: {@code [sending, receiving]}. */
  public long[] keyUpdates() {
    long sent;
    synchronized (sendLock) {
      sent = send.updates;
    }
    synchronized (receiveLock) {
      return new long[] {sent, receive.updates};
    }
  }

  /**
   * Test seam: skips {@code n} sequence numbers forward, to reach exhaustion without 2^63 records.
   * It cannot go back, so no sequence number (AEAD nonce) is ever sent twice under one key.
   */
  void skipSendSequencesForTest(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("sequence numbers only move forward");
    }
    synchronized (sendLock) {
      send.seq = send.seq > Wire.MAX_SEQUENCE - n ? -1 : send.seq + n;
    }
  }

  /** Destroys both keys. */
  public void destroy() {
    synchronized (sendLock) {
      send.key.destroy();
    }
    synchronized (receiveLock) {
      receive.destroy();
    }
  }

  /** Sending direction: key, phase, next sequence number, rekey counter. */
  private static final class SendState {
    private final long threshold;
    CipherState key;
    int phase;
    long seq = 1;
    long withKey;
    long sent;
    long updates;
    boolean rekeyPending;
    boolean askPeer;

    SendState(CipherState key, long threshold) {
      this.key = key;
      this.threshold = threshold;
    }

    void requestRekey(boolean askPeerToFollow) {
      rekeyPending = true;
      askPeer |= askPeerToFollow;
    }

    long untilRekey() {
      return threshold == 0 ? -1 : threshold - withKey;
    }

    int seal(FrameType type, boolean integrityOnly, int extraFlags, byte[] in, int off, int len,
        byte[] out, int outOff) throws StcException {
      if (seq <= 0 || seq > Wire.MAX_SEQUENCE) {
        throw new StcException(StcError.CKR_STC_SEQUENCE_NUM_INVALID,
            "sequence numbers exhausted: open a new channel");
      }
      maybeRekey();
      int flags = phase | (integrityOnly ? Wire.FLAG_INTEGRITY_ONLY : 0)
          | (askPeer ? Wire.FLAG_UPDATE_REQUESTED : 0) | extraFlags;
      int bodyLength = Wire.RECORD_HEADER + len + 16;
      Frame.writeHeader(type, bodyLength, out, outOff);
      Records.writeRecordHeader(flags, seq, out, outOff + Wire.FRAME_HEADER);
      Records.seal(key, seq, integrityOnly, in, off, len, out, outOff);
      seq++;
      withKey++;
      sent++;
      askPeer = false;
      return Wire.FRAME_HEADER + bodyLength;
    }

    private void maybeRekey() throws StcException {
      if (rekeyPending || (threshold != 0 && withKey >= threshold)) {
        try {
          key.rekey();
        } catch (GeneralSecurityException e) {
          throw new StcException(StcError.CKR_STC_NO_SESSION_KEY, "key update failed", e);
        }
        phase ^= Wire.FLAG_KEY_PHASE;
        withKey = 0;
        updates++;
        rekeyPending = false;
      }
    }
  }
}
