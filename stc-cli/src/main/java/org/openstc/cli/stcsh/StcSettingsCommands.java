package org.openstc.cli.stcsh;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.command.StcSettings.Change;
import org.openstc.command.StcSettings.Setting;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.SettingChanges;
import org.openstc.stc.ChannelPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stc rekeythreshold|replaywindow|activationtimeout set|show -partition P}: the host
 * administrator's view of the STC settings the Partition SO changes with {@code stccm stcconfig
 * ...set}. Both go through {@link HostStore#changeSetting}, which checks the range and writes the
 * audit line; {@code stcsh} names the operating-system user as the one who asked.
 */
@Command(name = "stc", description = "STC settings of a partition (host administrator).",
    subcommands = {StcSettingsCommands.RekeyThreshold.class, StcSettingsCommands.ReplayWindow.class,
        StcSettingsCommands.ActivationTimeout.class})
final class StcSettingsCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What differs between the three settings: the wire setting, its value and the sentences. */
  enum Kind {
    REKEY_THRESHOLD(Setting.REKEY_THRESHOLD, "rekeyThresholdMillions",
        "Successfully changed the rekey threshold for partition %s to %d million messages.",
        "The current rekey threshold for partition %s is %d million messages."),
    REPLAY_WINDOW(Setting.REPLAY_WINDOW, "replayWindow",
        "Successfully changed the size of the replay window for partition %s to %d commands.",
        "The current replay window size for partition %s is %d commands."),
    ACTIVATION_TIMEOUT(Setting.ACTIVATION_TIMEOUT, "activationTimeoutSeconds",
        "Successfully changed the activation timeout for partition %s to %d seconds.",
        "The current activation timeout for partition %s is %d seconds.");

    final Setting setting;
    final String jsonField;
    final String changed;
    final String current;

    Kind(Setting setting, String jsonField, String changed, String current) {
      this.setting = setting;
      this.jsonField = jsonField;
      this.changed = changed;
      this.current = current;
    }

    long valueOf(ChannelPolicy p) {
      return SettingChanges.valueOf(p, setting);
    }
  }

  /** {@code ... show -partition P [-json]}. */
  abstract static class ShowCommand extends HostCommand {
    @Option(names = {"-partition", "--partition", "-p"}, required = true, description = "partition name")
    String name;
    @Mixin Options.Json json;
    private final Kind kind;

    ShowCommand(CliContext ctx, Kind kind) {
      super(ctx);
      this.kind = kind;
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PartitionRecord p = store.partitions().get(name);
        long value = kind.valueOf(p.policy());
        if (json.json) {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("partition", p.name());
          v.put("serial", Long.toString(p.serial()));
          v.put(kind.jsonField, value);
          ctx.printJson(v);
          return;
        }
        out().printf(kind.current + "%n", p.name(), value);
      }
    }
  }

  /** {@code ... set -partition P -value N}; the range is checked by the store. */
  abstract static class SetCommand extends HostCommand {
    @Option(names = {"-partition", "--partition", "-p"}, required = true, description = "partition name")
    String name;
    private final Kind kind;

    SetCommand(CliContext ctx, Kind kind) {
      super(ctx);
      this.kind = kind;
    }

    abstract long value();

    @Override
    protected boolean auditedByStore() {
      return true;
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PartitionRecord p = store.partitions().get(name);
        String who = admin().singleAdmin() ? "stcsh user " + System.getProperty("user.name", "?")
            : "stcsh account " + admin().name();
        ChannelPolicy updated = store.changeSetting(p.serial(), new Change(kind.setting, value()), who);
        out().printf(kind.changed + "%n", p.name(), kind.valueOf(updated));
      }
    }
  }

  @Command(name = "rekeythreshold", description = "Rekey threshold: 0..4000 million messages (0 = never),"
      + " default 400.", subcommands = {RekeyThresholdSet.class, RekeyThresholdShow.class})
  static final class RekeyThreshold extends Group {}

  @Command(name = "set", description = "Set the rekey threshold: 0..4000 million messages (0 = never).")
  static final class RekeyThresholdSet extends SetCommand {
    @Option(names = {"-value", "--value", "-v"}, required = true, paramLabel = "MILLIONS")
    long value;

    RekeyThresholdSet(CliContext ctx) { super(ctx, Kind.REKEY_THRESHOLD); }

    @Override
    long value() { return value; }
  }

  @Command(name = "show", description = "Show the rekey threshold (million messages).")
  static final class RekeyThresholdShow extends ShowCommand {
    RekeyThresholdShow(CliContext ctx) { super(ctx, Kind.REKEY_THRESHOLD); }
  }

  @Command(name = "replaywindow", description = "Replay window: 100..1000 commands, default 120.",
      subcommands = {ReplayWindowSet.class, ReplayWindowShow.class})
  static final class ReplayWindow extends Group {}

  @Command(name = "set", description = "Set the replay window size: 100..1000 commands.")
  static final class ReplayWindowSet extends SetCommand {
    @Option(names = {"-value", "--value", "-size", "-s"}, required = true, paramLabel = "N",
        description = "commands in the window (-size/-s: LunaSH's names)")
    long value;

    ReplayWindowSet(CliContext ctx) { super(ctx, Kind.REPLAY_WINDOW); }

    @Override
    long value() { return value; }
  }

  @Command(name = "show", description = "Show the replay window size (commands).")
  static final class ReplayWindowShow extends ShowCommand {
    ReplayWindowShow(CliContext ctx) { super(ctx, Kind.REPLAY_WINDOW); }
  }

  @Command(name = "activationtimeout", description = "Activation timeout: 1..600 seconds, default 60.",
      subcommands = {ActivationTimeoutSet.class, ActivationTimeoutShow.class})
  static final class ActivationTimeout extends Group {}

  @Command(name = "set", description = "Set the activation timeout: 1..600 seconds.")
  static final class ActivationTimeoutSet extends SetCommand {
    @Option(names = {"-value", "--value", "-time", "-t"}, required = true, paramLabel = "S",
        description = "seconds (-time/-t: LunaSH's name)")
    long value;

    ActivationTimeoutSet(CliContext ctx) { super(ctx, Kind.ACTIVATION_TIMEOUT); }

    @Override
    long value() { return value; }
  }

  @Command(name = "show", description = "Show the activation timeout (seconds).")
  static final class ActivationTimeoutShow extends ShowCommand {
    ActivationTimeoutShow(CliContext ctx) { super(ctx, Kind.ACTIVATION_TIMEOUT); }
  }

  /** A setting's group: prints its usage when run without set or show. */
  abstract static class Group implements Runnable {
    @Mixin Options.Help help;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }
}
