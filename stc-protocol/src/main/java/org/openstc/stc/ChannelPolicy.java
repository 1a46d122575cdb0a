package org.openstc.stc;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A partition's STC settings as the channel enforces them (the {@code stcconfig ...set} values).
 * Immutable; ranges are checked by the factory methods, which throw {@link IllegalArgumentException}
 * with a message that names the setting and its range.
 *
 * <p>Ranges and defaults: replay window 100..1000 commands (Luna; default 120); rekey threshold
 * 0..4000 million messages (Luna; default 400, 0 = never); activation timeout 1..600 seconds
 * (default 60; Luna does not publish a range); max sessions 1..65535 (default 1024).
 */
public final class ChannelPolicy {
  public static final int MIN_REPLAY_WINDOW = 100;
  public static final int MAX_REPLAY_WINDOW = 1000;
  public static final int DEFAULT_REPLAY_WINDOW = 120;
  public static final int MIN_REKEY_THRESHOLD = 0;
  public static final int MAX_REKEY_THRESHOLD = 4000;
  public static final int DEFAULT_REKEY_THRESHOLD = 400;
  public static final int MIN_ACTIVATION_TIMEOUT_SECONDS = 1;
  public static final int MAX_ACTIVATION_TIMEOUT_SECONDS = 600;
  public static final int DEFAULT_ACTIVATION_TIMEOUT_SECONDS = 60;
  public static final int MIN_MAX_SESSIONS = 1;
  public static final int MAX_MAX_SESSIONS = 65535;
  public static final int DEFAULT_MAX_SESSIONS = 1024;

  /** The symmetric ciphers a partition can allow. */
  public enum Cipher {
    AESGCM, ChaChaPoly
  }

  /** The hashes a partition can allow. */
  public enum Hash {
    SHA256, SHA512
  }

  private final Set<Cipher> ciphers;
  private final Set<Hash> hashes;
  private final boolean integrityOnly;
  private final int replayWindow;
  private final int rekeyThresholdMillions;
  private final int activationTimeoutSeconds;
  private final int maxSessions;
  private final long rekeyRecordsOverride;

  private ChannelPolicy(Builder b) {
    this.ciphers = Collections.unmodifiableSet(EnumSet.copyOf(b.ciphers));
    this.hashes = Collections.unmodifiableSet(EnumSet.copyOf(b.hashes));
    this.integrityOnly = b.integrityOnly;
    this.replayWindow = b.replayWindow;
    this.rekeyThresholdMillions = b.rekeyThresholdMillions;
    this.activationTimeoutSeconds = b.activationTimeoutSeconds;
    this.maxSessions = b.maxSessions;
    this.rekeyRecordsOverride = b.rekeyRecordsOverride;
  }

  /** All ciphers and hashes allowed, encryption on, every other setting at its default. */
  public static ChannelPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().ciphers(ciphers).hashes(hashes).integrityOnly(integrityOnly)
        .replayWindow(replayWindow).rekeyThreshold(rekeyThresholdMillions)
        .activationTimeoutSeconds(activationTimeoutSeconds).maxSessions(maxSessions)
        .rekeyThresholdRecords(rekeyRecordsOverride);
  }

  /** Ciphers a suite may use (at least one). */
  public Set<Cipher> ciphers() {
    return ciphers;
  }

  /** Hashes a suite may use (at least one). */
  public Set<Hash> hashes() {
    return hashes;
  }

  /** Luna's "cipher disabled": payloads travel in clear but every record is authenticated. */
  public boolean integrityOnly() {
    return integrityOnly;
  }

  public int replayWindow() {
    return replayWindow;
  }

  /** Millions of records per direction before a key update; 0 = never. */
  public int rekeyThresholdMillions() {
    return rekeyThresholdMillions;
  }

  /** Records per key per direction, or 0 when rekeying is off. */
  public long rekeyThresholdRecords() {
    if (rekeyRecordsOverride > 0) {
      return rekeyRecordsOverride;
    }
    return rekeyThresholdMillions == 0 ? 0 : rekeyThresholdMillions * 1_000_000L;
  }

  public int activationTimeoutSeconds() {
    return activationTimeoutSeconds;
  }

  public Duration activationTimeout() {
    return Duration.ofSeconds(activationTimeoutSeconds);
  }

  public int maxSessions() {
    return maxSessions;
  }

  @Override
  public String toString() {
    return "ChannelPolicy[ciphers=" + ciphers + ", hashes=" + hashes + ", integrityOnly="
        + integrityOnly + ", replayWindow=" + replayWindow + ", rekeyThreshold="
        + rekeyThresholdMillions + "M, activationTimeout=" + activationTimeoutSeconds
        + "s, maxSessions=" + maxSessions
        + (rekeyRecordsOverride > 0 ? ", rekeyRecords=" + rekeyRecordsOverride : "") + "]";
  }

  /** Builder; each setter checks its range. */
  public static final class Builder {
    private Set<Cipher> ciphers = EnumSet.allOf(Cipher.class);
    private Set<Hash> hashes = EnumSet.allOf(Hash.class);
    private boolean integrityOnly;
    private int replayWindow = DEFAULT_REPLAY_WINDOW;
    private int rekeyThresholdMillions = DEFAULT_REKEY_THRESHOLD;
    private int activationTimeoutSeconds = DEFAULT_ACTIVATION_TIMEOUT_SECONDS;
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private long rekeyRecordsOverride;

    private Builder() {}

    /**
     * An exact rekey threshold in records that overrides the threshold in millions (0 = no
     * override). Not a Luna setting: it exists so conformance runs and benchmarks can cross key
     * updates without sending millions of records.
     */
    public Builder rekeyThresholdRecords(long records) {
      if (records < 0) {
        throw new IllegalArgumentException("rekey threshold in records must be >= 0");
      }
      this.rekeyRecordsOverride = records;
      return this;
    }

    public Builder ciphers(Set<Cipher> value) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("at least one cipher must stay enabled "
            + "(use integrity-only mode to send payloads in clear)");
      }
      this.ciphers = EnumSet.copyOf(value);
      return this;
    }

    public Builder hashes(Set<Hash> value) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("at least one hash must stay enabled");
      }
      this.hashes = EnumSet.copyOf(value);
      return this;
    }

    public Builder integrityOnly(boolean value) {
      this.integrityOnly = value;
      return this;
    }

    public Builder replayWindow(int value) {
      this.replayWindow = check("replay window", value, MIN_REPLAY_WINDOW, MAX_REPLAY_WINDOW);
      return this;
    }

    public Builder rekeyThreshold(int millions) {
      this.rekeyThresholdMillions =
          check("rekey threshold", millions, MIN_REKEY_THRESHOLD, MAX_REKEY_THRESHOLD);
      return this;
    }

    public Builder activationTimeoutSeconds(int seconds) {
      this.activationTimeoutSeconds = check("activation timeout", seconds,
          MIN_ACTIVATION_TIMEOUT_SECONDS, MAX_ACTIVATION_TIMEOUT_SECONDS);
      return this;
    }

    public Builder maxSessions(int value) {
      this.maxSessions = check("max sessions", value, MIN_MAX_SESSIONS, MAX_MAX_SESSIONS);
      return this;
    }

    public ChannelPolicy build() {
      return new ChannelPolicy(this);
    }

    private static int check(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " " + value + " is out of range (" + min + ".." + max + ")");
      }
      return value;
    }
  }
}
