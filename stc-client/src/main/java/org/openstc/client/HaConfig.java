package org.openstc.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The client's HA groups and HA settings in {@code $STC_HOME/hagroups.json} (owner-only, replaced
 * atomically), as {@code hagroup} commands change them. Members are partition serials that have a
 * slot in the client configuration. The group number is "1" followed by the serial of the member
 * that created it, or of the first member left when that one is removed (vendor rule).
 */
public final class HaConfig {
  static final String FILE = "hagroups.json";
  /** The shortest recovery interval the CLI accepts (the vendor's minimum). */
  public static final int MIN_INTERVAL_SECONDS = 60;
  /** The longest per-command failover timeout {@code hagroup timeout} accepts. */
  public static final int MAX_TIMEOUT_SECONDS = 600;

  /** One group as stored. */
  public static final class Group {
    String label;
    String number;
    List<Long> members = new ArrayList<>();
    List<Long> standby = new ArrayList<>();
    /** Null in files written before the setting existed: on. */
    Boolean synchronize;
    /** Members that missed key changes while away and have not been synchronised since. */
    List<Long> needsSync;

    /** The members that need synchronisation ("Needs sync"), in no particular order. */
    public List<Long> needsSync() {
      return needsSync == null ? List.of() : List.copyOf(needsSync);
    }

    /** {@code hagroup synchronize}: whether returning members are brought to the group's objects. */
    public boolean synchronize() {
      return synchronize == null || synchronize;
    }

    public String label() {
      return label;
    }

    public String number() {
      return number;
    }

    public List<Long> members() {
      return List.copyOf(members);
    }

    public List<Long> standby() {
      return List.copyOf(standby);
    }
  }

  private static final class Data {
    int version = 1;
    boolean haOnly;
    int retry;
    int intervalSeconds = MIN_INTERVAL_SECONDS;
    /** The most NTLS slots a scan found: HA slot numbers start after them (SlotNumbers). */
    int ntlsSlotsSeen;
    /** Null: the vendor's 20 s. */
    Integer commandTimeoutSeconds;
    /** Null: activeEnhanced. */
    String recoveryMode;
    List<Group> groups = new ArrayList<>();
  }

  private final Path file;
  private final Data data;

  private HaConfig(Path file, Data data) {
    this.file = file;
    this.data = data;
  }

  public static HaConfig load(Path home) throws StcClientException {
    Path file = home.resolve(FILE);
    Data d = ClientConfig.readJson(file, Data.class);
    if (d != null && (d.version != 1 || d.groups == null)) {
      throw new StcClientException(StcClientException.Kind.CONFIG, "cannot read " + file
          + ": unknown format", "fix or remove the file");
    }
    return new HaConfig(file, d == null ? new Data() : d);
  }

  public List<Group> groups() {
    return List.copyOf(data.groups);
  }

  public Optional<Group> group(String label) {
    return data.groups.stream().filter(g -> g.label.equals(label)).findFirst();
  }

  public boolean haOnly() {
    return data.haOnly;
  }

  public int retry() {
    return data.retry;
  }

  public int intervalSeconds() {
    return data.intervalSeconds;
  }

  /** How long a member may take to answer one command before it is dropped (failover). */
  public Duration commandTimeout() {
    return data.commandTimeoutSeconds == null ? HaGroup.DEFAULT_COMMAND_TIMEOUT
        : Duration.ofSeconds(data.commandTimeoutSeconds);
  }

  public HaRecoveryMode recoveryMode() {
    return data.recoveryMode == null ? HaRecoveryMode.ACTIVE_ENHANCED
        : HaRecoveryMode.parse(data.recoveryMode).orElse(HaRecoveryMode.ACTIVE_ENHANCED);
  }

  /** Records that a scan found {@code count} NTLS slots; returns the most ever seen. */
  int noteNtlsSlots(int count) throws StcClientException {
    if (count > data.ntlsSlotsSeen) {
      data.ntlsSlotsSeen = count;
      save();
    }
    return data.ntlsSlotsSeen;
  }

  public Group create(String label, long serial) throws StcClientException {
    if (label == null || label.isBlank() || label.length() > 64) {
      throw config("an HA group label has 1 to 64 characters", null);
    }
    if (group(label).isPresent()) {
      throw config("HA group '" + label + "' already exists", "see hagroup listgroups");
    }
    Group g = new Group();
    g.label = label;
    g.members.add(serial);
    g.number = "1" + serial;
    data.groups.add(g);
    save();
    return g;
  }

  public Group addMember(String label, long serial, boolean standby) throws StcClientException {
    Group g = require(label);
    if (g.members.contains(serial) || g.standby.contains(serial)) {
      throw config("partition " + serial + " is already a member of HA group '" + label + "'", null);
    }
    (standby ? g.standby : g.members).add(serial);
    save();
    return g;
  }

  public Group removeMember(String label, long serial) throws StcClientException {
    Group g = require(label);
    if (!g.members.contains(serial) && !g.standby.contains(serial)) {
      throw config("partition " + serial + " is not a member of HA group '" + label + "'", null);
    }
    if (g.members.size() + g.standby.size() == 1) {
      throw config("partition " + serial + " is the last member of HA group '" + label + "'",
          "delete the group instead: hagroup deletegroup -label " + label);
    }
    g.members.remove(serial);
    g.standby.remove(serial);
    if (g.needsSync != null) {
      g.needsSync.remove(serial);
    }
    if (g.number.equals("1" + serial)) {
      g.number = "1" + (g.members.isEmpty() ? g.standby : g.members).get(0);
    }
    save();
    return g;
  }

  public Group synchronize(String label, boolean on) throws StcClientException {
    Group g = require(label);
    g.synchronize = on;
    save();
    return g;
  }

  /**
   * Records whether member {@code serial} of group {@code label} needs synchronisation; a no-op
   * when that is already recorded, or the group or member is gone.
   */
  public void needsSync(String label, long serial, boolean needs) throws StcClientException {
    Optional<Group> found = group(label);
    if (found.isEmpty() || !(found.get().members.contains(serial) || found.get().standby.contains(serial))) {
      return;
    }
    Group g = found.get();
    List<Long> list = g.needsSync == null ? new ArrayList<>() : g.needsSync;
    if (list.contains(serial) == needs) {
      return;
    }
    if (needs) {
      list.add(serial);
    } else {
      list.remove(serial);
    }
    g.needsSync = list;
    save();
  }

  public void delete(String label) throws StcClientException {
    data.groups.remove(require(label));
    save();
  }

  public void haOnly(boolean on) throws StcClientException {
    data.haOnly = on;
    save();
  }

  public void retry(int count) throws StcClientException {
    if (count < 0 || count > 500) {
      throw config("the retry count is 0 (off) to 500", null);
    }
    data.retry = count;
    save();
  }

  public void interval(int seconds) throws StcClientException {
    if (seconds < MIN_INTERVAL_SECONDS || seconds > 1_200) {
      throw config("the recovery interval is " + MIN_INTERVAL_SECONDS + " to 1200 seconds", null);
    }
    data.intervalSeconds = seconds;
    save();
  }

  /** {@code hagroup timeout}: the per-command failover timeout, 1 to {@link #MAX_TIMEOUT_SECONDS} s. */
  public void commandTimeout(int seconds) throws StcClientException {
    if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      throw config("the command timeout is 1 to " + MAX_TIMEOUT_SECONDS + " seconds", null);
    }
    data.commandTimeoutSeconds = seconds;
    save();
  }

  public void recoveryMode(HaRecoveryMode mode) throws StcClientException {
    data.recoveryMode = mode.vendorName();
    save();
  }

  private Group require(String label) throws StcClientException {
    return group(label).orElseThrow(() -> config("no HA group '" + label + "'", "see hagroup listgroups"));
  }

  private static StcClientException config(String message, String advice) {
    return new StcClientException(StcClientException.Kind.CONFIG, message, advice);
  }

  private void save() throws StcClientException {
    ClientConfig.writeJson(file, data);
  }
}
