package org.openstc.command;

import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * The channel request {@code CHANNEL_FEATURES} (docs/protocol.md 24a): the client offers features
 * of the channel as bits of a {@code u32}, the partition's channel layer answers the bits it
 * grants (a subset). Its opcode lies outside Part 2's range: the command service never sees it,
 * and a host that does not know it answers {@link CkResult#CKR_FUNCTION_NOT_SUPPORTED}, which
 * grants nothing, so older hosts keep working unchanged.
 */
public final class ChannelFeatures {
  /** The opcode of the request. */
  public static final int OPCODE = 0x0200;
  /** DATA records may carry several messages, both directions ({@code org.openstc.stc.MessageBatch}). */
  public static final int SEVERAL_PER_RECORD = 0x1;

  private ChannelFeatures() {}

  /** The request offering {@code features}. */
  public static CommandRequest request(long requestId, int features) {
    return new CommandRequest(requestId, OPCODE, encode(features));
  }

  /** Whether an encoded request (possibly malformed) is a CHANNEL_FEATURES request. */
  public static boolean isRequest(byte[] frame) {
    return CommandRequest.peekOpcode(frame) == OPCODE;
  }

  /** The body of the request and of the response: {@code u32 features}. */
  public static byte[] encode(int features) {
    return new WireWriter().u32(features & 0xffffffffL).toByteArray();
  }

  public static int decode(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    int features = (int) in.u32();
    in.end();
    return features;
  }

  /**
   * The partition's answer to an encoded CHANNEL_FEATURES request when it supports
   * {@code supported}: the granted bits ({@code offered & supported}), or CKR_ARGUMENTS_BAD for a
   * malformed request (nothing granted).
   */
  public static CommandResponse answer(byte[] frame, int supported) {
    long id = CommandRequest.peekRequestId(frame);
    try {
      int offered = decode(CommandRequest.decode(frame).body());
      return CommandResponse.ok(id, encode(offered & supported));
    } catch (MalformedCommandException e) {
      return CommandResponse.error(id, CkResult.CKR_ARGUMENTS_BAD,
          "malformed request: " + e.getMessage());
    }
  }

  /** The bits a response grants: none unless it is CKR_OK with a well-formed body. */
  public static int granted(CommandResponse response) {
    if (!response.isOk()) {
      return 0;
    }
    try {
      return decode(response.body());
    } catch (MalformedCommandException e) {
      return 0;
    }
  }
}
