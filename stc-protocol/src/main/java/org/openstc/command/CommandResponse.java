package org.openstc.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.openstc.command.internal.WireReader;

/**
 * One response: {@code u32 requestId || u32 result || string message || bytes body}
 * (docs/protocol.md, Part 2, "Frames"). The message is empty on success and names the problem
 * otherwise; the body is empty on error.
 */
public final class CommandResponse {
  /** The longest message, in UTF-8 bytes. */
  public static final int MAX_MESSAGE = 1024;

  private final long requestId;
  private final long result;
  private final String message;
  private final byte[] body;

  public CommandResponse(long requestId, long result, String message, byte[] body) {
    this(requestId, result, message, body.clone(), true);
  }

  /** Takes ownership of {@code body} (no copy); the flag only tells it from the public one. */
  private CommandResponse(long requestId, long result, String message, byte[] body, boolean owned) {
    this.requestId = requestId;
    this.result = result;
    this.message = message;
    this.body = body;
  }

  public static CommandResponse ok(long requestId, byte[] body) {
    return new CommandResponse(requestId, CkResult.CKR_OK.code(), "", body);
  }

  /**
   * A success response that takes {@code body} as it is, without a copy: for a server answering
   * with a body it has just computed and does not touch again.
   */
  public static CommandResponse okOwning(long requestId, byte[] body) {
    return new CommandResponse(requestId, CkResult.CKR_OK.code(), "", body, true);
  }

  public static CommandResponse error(long requestId, CkResult result, String message) {
    return new CommandResponse(requestId, result.code(), truncate(message), new byte[0]);
  }

  public long requestId() {
    return requestId;
  }

  /** The result code as sent. */
  public long resultCode() {
    return result;
  }

  /** The known result, or {@code null} for a code this implementation does not know. */
  public CkResult result() {
    return CkResult.fromCode(result);
  }

  public boolean isOk() {
    return result == CkResult.CKR_OK.code();
  }

  public String message() {
    return message;
  }

  public byte[] body() {
    return body.clone();
  }

  /** The body of a successful response; a {@link CkException} for any other. */
  public byte[] bodyOrThrow() throws CkException {
    if (!isOk()) {
      throw new CkException(result, message);
    }
    return body();
  }

  /** The frame, written once into an array of its exact size. */
  public byte[] encode() {
    byte[] m = message.getBytes(StandardCharsets.UTF_8);
    if (requestId >>> 32 != 0 || result >>> 32 != 0 || m.length > 0xffff) {
      throw new IllegalArgumentException("request id, result or message out of range");
    }
    return ByteBuffer.allocate(14 + m.length + body.length).putInt((int) requestId)
        .putInt((int) result).putShort((short) m.length).put(m).putInt(body.length).put(body)
        .array();
  }

  public static CommandResponse decode(byte[] frame) throws MalformedCommandException {
    WireReader in = new WireReader(frame);
    long id = in.u32();
    long result = in.u32();
    String message = in.string(MAX_MESSAGE);
    byte[] body = in.bytes(CommandRequest.MAX_BODY);
    in.end();
    return new CommandResponse(id, result, message, body, true);
  }

  private static String truncate(String message) {
    String m = message == null ? "" : message;
    while (m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_MESSAGE) {
      m = m.substring(0, m.length() - 1);
    }
    return m;
  }

  @Override
  public String toString() {
    CkResult r = result();
    return "CommandResponse[" + requestId + ", " + (r == null ? Long.toHexString(result) : r.name())
        + (message.isEmpty() ? "" : ", " + message) + ", " + body.length + " bytes]";
  }
}
