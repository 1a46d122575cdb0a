package org.openstc.partition.store;

/**
 * The host's NTLS service settings ({@code ntls bind|ipcheck|tcp_keepalive}); they apply when the
 * service (re)starts. Keepalive ranges and defaults are the vendor's ({@code ntls tcp_keepalive
 * set}).
 *
 * @param bind the address NTLS listens on ({@code 0.0.0.0} = all)
 * @param ipcheck whether a client must connect from its registered address
 */
public record NtlsSettings(String bind, boolean ipcheck, int idleSeconds, int intervalSeconds,
    int probes) {
  public static final NtlsSettings DEFAULTS = new NtlsSettings("0.0.0.0", true, 10, 10, 2);

  public NtlsSettings {
    check("idle", idleSeconds, 10, 10000);
    check("interval", intervalSeconds, 10, 360);
    check("probes", probes, 1, 30);
  }

  public NtlsSettings withBind(String value) {
    return new NtlsSettings(value, ipcheck, idleSeconds, intervalSeconds, probes);
  }

  public NtlsSettings withIpcheck(boolean value) {
    return new NtlsSettings(bind, value, idleSeconds, intervalSeconds, probes);
  }

  public NtlsSettings withKeepalive(int idle, int interval, int count) {
    return new NtlsSettings(bind, ipcheck, idle, interval, count);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("-" + name + " must be " + min + ".." + max + ", not "
          + value);
    }
  }
}
