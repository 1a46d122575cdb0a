package org.openstc.client;

/**
 * A partition host the client knows ({@code clientconfig addserver}).
 *
 * @param stcEnabled whether {@code stc enable} was run for it: its partitions are reached over STC
 */
public record ServerEntry(int id, String host, int port, String label, boolean stcEnabled) {
  public static final int DEFAULT_PORT = 5656;

  public ServerEntry withStcEnabled(boolean enabled) {
    return new ServerEntry(id, host, port, label, enabled);
  }

  /** {@code host:port}. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
