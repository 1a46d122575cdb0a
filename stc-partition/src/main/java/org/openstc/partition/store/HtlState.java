package org.openstc.partition.store;

/**
 * A {@code -requirehtl} client's HTL state as {@code htl show} reads it (no secret in it).
 *
 * @param ottExpirySeconds the client's OTT expiry, or 0 for the default
 * @param ott whether a token is held; {@code ottConsumed} once a confirmed exchange used it
 * @param counter the rolling secret's counter {@code n} (0 before the first exchange)
 * @param lastExchangeMillis the last confirmed exchange; {@code downSinceMillis} when it went down
 */
public record HtlState(String client, int ottExpirySeconds, boolean ott, long ottExpiresMillis,
    boolean ottConsumed, long counter, boolean linkUp, long lastExchangeMillis,
    long downSinceMillis, boolean cloneSuspected) {
  /** The host ends a link silent for this long; {@code htl show} says Unknown after it. */
  public static final long SILENT_MILLIS = 15_000;

  /**
   * The HTL name of STC registration {@code label} on partition {@code serial}: {@code
   * LABEL@SERIAL} (an NTLS client name never holds {@code @}; docs/protocol.md section 42).
   */
  public static String stcName(long serial, String label) {
    return label + "@" + Long.toUnsignedString(serial);
  }

  /** Whether this is an STC registration's state (no standing link, no grace period). */
  public boolean stc() {
    return client.indexOf('@') >= 0;
  }

  /**
   * {@code Up}, {@code Grace Period}, {@code Down} or {@code Unknown} (docs/protocol.md 40); for an
   * STC registration {@code Up} once it holds a rolling secret, else {@code Down}.
   */
  public String linkStatus(long now, int graceSeconds) {
    if (stc()) {
      return counter > 0 ? "Up" : "Down";
    }
    if (linkUp) {
      return now - lastExchangeMillis <= SILENT_MILLIS ? "Up" : "Unknown";
    }
    if (counter > 0 && downSinceMillis > 0 && now - downSinceMillis <= graceSeconds * 1000L) {
      return "Grace Period";
    }
    return "Down";
  }

  /** {@code Ready for d/l}, {@code In Use}, {@code Expired} or {@code No file}. */
  public String ottStatus(long now) {
    if (!ott) {
      return "No file";
    }
    if (ottConsumed) {
      return "In Use";
    }
    return now > ottExpiresMillis ? "Expired" : "Ready for d/l";
  }
}
