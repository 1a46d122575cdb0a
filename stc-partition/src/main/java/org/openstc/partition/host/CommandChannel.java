package org.openstc.partition.host;

import org.openstc.partition.CommandService;
import org.openstc.partition.Session;
import org.openstc.partition.server.ChannelService;

/**
 * The command service inside one channel: every request runs {@link CommandService#handle} on the
 * channel's session. On the I/O thread (nothing of the channel pending) it answers ECHO and, with
 * {@code inlineCrypto}, whatever {@link CommandService#handleCached} answers: single-part crypto
 * with a cached AES key while the partition is unchanged; everything else goes to a worker.
 */
public final class CommandChannel implements ChannelService {
  private final CommandService commands;
  private final Session session;
  private final boolean inlineCrypto;

  public CommandChannel(CommandService commands, Session session, boolean inlineCrypto) {
    this.commands = commands;
    this.session = session;
    this.inlineCrypto = inlineCrypto;
  }

  @Override
  public byte[] handle(byte[] request) {
    return commands.handle(session, request);
  }

  @Override
  public boolean runsOnEventLoop(byte[] request) {
    return CommandService.isEcho(request);
  }

  @Override
  public byte[] handleOnEventLoop(byte[] request) {
    return inlineCrypto ? commands.handleCached(session, request)
        : ChannelService.super.handleOnEventLoop(request);
  }
}
