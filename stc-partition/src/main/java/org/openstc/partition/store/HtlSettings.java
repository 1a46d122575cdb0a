package org.openstc.partition.store;

/**
 * The host-wide HTL settings ({@code htl set graceperiod|defaultottexpiry}), as the vendor's
 * sample shows them by default: 60 s grace, 300 s OTT expiry.
 */
public record HtlSettings(int graceSeconds, int defaultOttExpirySeconds) {
  public static final HtlSettings DEFAULTS = new HtlSettings(60, 300);
  public static final int MAX_GRACE = 3600;
  public static final int MIN_EXPIRY = 10;
  public static final int MAX_EXPIRY = 86400;

  public HtlSettings {
    if (graceSeconds < 0 || graceSeconds > MAX_GRACE) {
      throw new IllegalArgumentException("-seconds must be 0.." + MAX_GRACE + " for the grace "
          + "period, not " + graceSeconds);
    }
    checkExpiry(defaultOttExpirySeconds);
  }

  /** Throws IllegalArgumentException unless {@code seconds} is an OTT expiry the host accepts. */
  public static void checkExpiry(int seconds) {
    if (seconds < MIN_EXPIRY || seconds > MAX_EXPIRY) {
      throw new IllegalArgumentException("an OTT expiry must be " + MIN_EXPIRY + ".." + MAX_EXPIRY
          + " seconds, not " + seconds);
    }
  }
}
