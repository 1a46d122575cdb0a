package org.openstc.command;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.openstc.command.internal.WireReader;

/**
 * One request: {@code u32 requestId || u16 opcode || bytes body} (docs/protocol.md, Part 2,
 * "Frames"). The opcode is kept as its wire value so that an unknown one can be answered with
 * {@link CkResult#CKR_FUNCTION_NOT_SUPPORTED} rather than refused as malformed.
 */
public final class CommandRequest {
  /**
   * The largest body a request or response may carry: 124 KiB, so that a whole response (10-byte
   * header, a message of up to 1024 bytes, the body) fits one DATA record of 128 KiB (Part 1, 20).
   */
  public static final int MAX_BODY = 124 * 1024;

  private final long requestId;
  private final int opcode;
  private final byte[] body;

  public CommandRequest(long requestId, int opcode, byte[] body) {
    this(requestId, opcode, body.clone(), true);
  }

  /**
   * Takes ownership of {@code body} (no copy): for bodies built or decoded in this package. The
   * flag only tells this constructor from the public, copying one.
   */
  private CommandRequest(long requestId, int opcode, byte[] body, boolean owned) {
    if (requestId < 0 || requestId > 0xffffffffL || opcode < 0 || opcode > 0xffff) {
      throw new IllegalArgumentException("request id or opcode out of range");
    }
    if (body.length > MAX_BODY) {
      throw new IllegalArgumentException("body of " + body.length + " bytes exceeds " + MAX_BODY);
    }
    this.requestId = requestId;
    this.opcode = opcode;
    this.body = body;
  }

  public static CommandRequest of(long requestId, Opcode opcode, byte[] body) {
    return new CommandRequest(requestId, opcode.code(), body);
  }

  /** A request that owns {@code body} (PIN bodies: no second copy to wipe). */
  static CommandRequest owning(long requestId, Opcode opcode, byte[] body) {
    return new CommandRequest(requestId, opcode.code(), body, true);
  }

  public long requestId() {
    return requestId;
  }

  /** The opcode as sent. */
  public int opcodeCode() {
    return opcode;
  }

  /** The opcode, or {@code null} when it is not one this implementation knows. */
  public Opcode opcode() {
    return Opcode.fromCode(opcode);
  }

  public byte[] body() {
    return body.clone();
  }

  /**
   * The body itself, not a copy: for the one consumer of a decoded request (the host's command
   * service), so that the body is not copied again and a handler that wipes it wipes the only copy.
   */
  public byte[] takeBody() {
    return body;
  }

  /** {@code u32 requestId || u16 opcode || u32 length || body}, written once into its own array. */
  public byte[] encode() {
    return ByteBuffer.allocate(10 + body.length).putInt((int) requestId).putShort((short) opcode)
        .putInt(body.length).put(body).array();
  }

  /** Whether the body carries PINs ({@link PinBody#OPCODES}). */
  public boolean carriesPin() {
    Opcode o = opcode();
    return o != null && PinBody.OPCODES.contains(o);
  }

  /**
   * For a request that {@link #carriesPin()}: overwrites its body and {@code encoded} (its encoding,
   * once sent) with zeros; for any other request does nothing. A wiped request cannot be sent
   * again: build a new one. Best effort: copies made by the caller, the channel or the JVM are out
   * of its reach.
   */
  public void wipeIfPin(byte[] encoded) {
    if (carriesPin()) {
      Arrays.fill(body, (byte) 0);
      if (encoded != null) {
        Arrays.fill(encoded, (byte) 0);
      }
    }
  }

  /** Parses one request; anything but exactly one well-formed request is refused. */
  public static CommandRequest decode(byte[] frame) throws MalformedCommandException {
    WireReader in = new WireReader(frame);
    long id = in.u32();
    int opcode = in.u16();
    byte[] body = in.bytes(MAX_BODY);
    in.end();
    return new CommandRequest(id, opcode, body, true);
  }

  /** The opcode of a frame that may be malformed: bytes 4-5, or -1 if it is too short. */
  public static int peekOpcode(byte[] frame) {
    if (frame == null || frame.length < 6) {
      return -1;
    }
    return (frame[4] & 0xff) << 8 | (frame[5] & 0xff);
  }

  /** The request id of a frame that may be malformed: its first four bytes, or 0. */
  public static long peekRequestId(byte[] frame) {
    if (frame == null || frame.length < 4) {
      return 0;
    }
    return ((frame[0] & 0xffL) << 24) | ((frame[1] & 0xff) << 16) | ((frame[2] & 0xff) << 8)
        | (frame[3] & 0xff);
  }

  @Override
  public String toString() {
    Opcode o = opcode();
    return "CommandRequest[" + requestId + ", " + (o == null ? "0x" + Integer.toHexString(opcode) : o)
        + ", " + body.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommandRequest && ((CommandRequest) o).requestId == requestId
        && ((CommandRequest) o).opcode == opcode && Arrays.equals(((CommandRequest) o).body, body);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(requestId) * 31 + opcode;
  }
}
