package org.openstc.partition.server;

/**
 * What runs inside an active channel: one instance per channel, fed the decrypted payload of each
 * DATA record in order, returning the payload of the reply. Called off the event loop (unless
 * {@link #handleOnEventLoop} answers it), one request at a time per channel.
 */
public interface ChannelService {

  /** Handles one request; must not throw for bad input (encode the error in the reply). */
  byte[] handle(byte[] request);

  /**
   * Whether {@code request} is cheap and never blocks (an echo, a status query), so that the server
   * may run it on the I/O thread when none of the channel's earlier requests is still pending,
   * saving two thread hand-offs per round trip. Default: no, every request runs off the event loop.
   */
  default boolean runsOnEventLoop(byte[] request) {
    return false;
  }

  /**
   * Answers {@code request} on the I/O thread if it can without blocking (no store read, no costly
   * operation), else returns null and has done nothing: the server then runs {@link #handle} on a
   * worker. Called only when none of the channel's earlier requests is still pending. Default:
   * {@link #handle} when {@link #runsOnEventLoop} says the request is cheap, else null.
   */
  default byte[] handleOnEventLoop(byte[] request) {
    return runsOnEventLoop(request) ? handle(request) : null;
  }

  /**
   * Whether the channel may carry several messages per DATA record once the client asks for it
   * with CHANNEL_FEATURES (docs/protocol.md 24a); the server does the packing and splitting, the
   * service still sees one request at a time. Default: yes. When no, CHANNEL_FEATURES reaches
   * {@link #handle} like any request (a command service answers it as an unknown opcode, as a
   * host without the feature does).
   */
  default boolean allowsSeveralPerRecord() {
    return true;
  }

  /** The channel has closed, for whatever reason. */
  default void closed() {}
}
