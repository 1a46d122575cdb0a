package org.openstc.partition.server;

import java.net.InetSocketAddress;

/**
 * Host-level server settings (the per-partition ones live in {@code ChannelPolicy}).
 *
 * @param bind where to listen; port 0 picks a free port
 * @param defaultActivationTimeoutSeconds applies until OPEN names a partition
 * @param idleTimeoutSeconds an active channel with no traffic for this long is closed (0 = never)
 * @param workerThreads threads that run commands off the event loop
 */
public record ServerConfig(InetSocketAddress bind, int defaultActivationTimeoutSeconds,
    int idleTimeoutSeconds, int ioThreads, int workerThreads) {
  public static final int DEFAULT_PORT = 5656;

  public static ServerConfig defaults(String host, int port) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerConfig(new InetSocketAddress(host, port), 60, 900, cores,
        Math.max(2, cores * 2));
  }

  public ServerConfig withIdleTimeoutSeconds(int seconds) {
    return new ServerConfig(bind, defaultActivationTimeoutSeconds, seconds, ioThreads,
        workerThreads);
  }

  public ServerConfig withDefaultActivationTimeoutSeconds(int seconds) {
    return new ServerConfig(bind, seconds, idleTimeoutSeconds, ioThreads, workerThreads);
  }
}
