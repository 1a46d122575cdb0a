package org.openstc.cli.stccm.link;

import java.util.Arrays;
import java.util.List;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.client.ClientConfig;
import org.openstc.client.HaConfig;
import org.openstc.client.HaGroup;
import org.openstc.client.HaGroups;
import org.openstc.client.Slot;
import org.openstc.client.SlotEntry;
import org.openstc.client.StcClient;
import org.openstc.command.Role;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code hagroup} group (LunaCM 7 names): HA groups in {@code $STC_HOME/hagroups.json} and the
 * HA settings; {@code recover} opens the group and brings its down members back (docs/ha.md).
 */
@Command(name = "hagroup", description = "HA groups: one virtual slot over partitions on several hosts.",
    subcommands = {HaGroupCommands.CreateGroup.class, HaGroupCommands.AddMember.class,
        HaGroupCommands.AddStandby.class, HaGroupCommands.RemoveMember.class,
        HaGroupCommands.DeleteGroup.class, HaListGroups.class, HaGroupCommands.HaOnly.class,
        HaGroupCommands.Retry.class, HaGroupCommands.Interval.class, HaGroupCommands.Recover.class,
        HaGroupCommands.Synchronize.class, HaSettings.RecoveryMode.class, HaSettings.Timeout.class})
public final class HaGroupCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code -serialnumber S | -slot N}. */
  static final class Member {
    @Option(names = {"-serialnumber", "--serialnumber", "-se"}, paramLabel = "S", description = "the partition serial")
    Long serial;
    @Option(names = {"-slot", "--slot", "-sl"}, paramLabel = "N", description = "the partition's slot")
    Integer slot;

    long serial(ClientConfig config) throws CliException {
      if (slot != null) {
        return config.slot(slot).orElseThrow(() -> new CliException(ExitCode.USAGE,
            "no slot " + slot + " (see slot list)")).serial();
      }
      if (config.slotForSerial(serial).isEmpty()) {
        throw new CliException(ExitCode.USAGE, "partition " + serial + " has no slot (register it and run stc enable)");
      }
      return serial;
    }
  }

  /** Base of the commands that name a member and may prove the group password on it. */
  abstract static class MemberCommand extends LinkCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Member member;
    @Option(names = {"-password", "--password", "-p"}, description = "the Crypto Officer password of the members")
    String password;

    MemberCommand(CliContext ctx) {
      super(ctx);
    }

    /** The member's serial; with -password, logs in to it first so a wrong password is refused. */
    long checkedSerial() throws Exception {
      long serial = member.serial(ClientConfig.load(home()));
      if (password != null) {
        char[] pin = password.toCharArray();
        try (Slot s = session().client(home()).openPartition(serial)) {
          s.login(Role.CO, pin);
        } finally {
          Arrays.fill(pin, '\0');
        }
      }
      return serial;
    }
  }

  static void show(java.io.PrintWriter out, HaConfig.Group g) {
    out.printf("HA Group Label: %s%nHA Group Number: %s%nGroup Members: %s%nStandby Members: %s%n",
        g.label(), g.number(), join(g.members()), g.standby().isEmpty() ? "<none>" : join(g.standby()));
  }

  static String join(List<Long> serials) {
    return String.join(", ", serials.stream().map(String::valueOf).toList());
  }

  @Command(name = "creategroup", description = "Create an HA group with its first member.")
  static final class CreateGroup extends MemberCommand {
    @Option(names = {"-label", "--label", "-l"}, required = true) String label;

    CreateGroup(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HaConfig.Group g = HaConfig.load(home()).create(label, checkedSerial());
      out().printf("New group with label \"%s\" created with group number %s.%nGroup configuration is:%n",
          g.label(), g.number());
      show(out(), g);
    }
  }

  @Command(name = "addmember", description = "Add an active member to an HA group.")
  static class AddMember extends MemberCommand {
    @Option(names = {"-group", "--group", "-g"}, required = true) String group;

    AddMember(CliContext ctx) {
      super(ctx);
    }

    boolean standby() {
      return false;
    }

    @Override
    protected void execute() throws Exception {
      long serial = checkedSerial();
      HaConfig.Group g = HaConfig.load(home()).addMember(group, serial, standby());
      out().printf("Member %d successfully added to group %s.%n", serial, g.label());
      show(out(), g);
    }
  }

  @Command(name = "addstandby", description = "Add a standby member (used only when no active member is left).")
  static final class AddStandby extends AddMember {
    AddStandby(CliContext ctx) {
      super(ctx);
    }

    @Override
    boolean standby() {
      return true;
    }
  }

  @Command(name = "removemember", description = "Remove a member from an HA group.")
  static final class RemoveMember extends MemberCommand {
    @Option(names = {"-group", "--group", "-g"}, required = true) String group;

    RemoveMember(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      long serial = member.serial(ClientConfig.load(home()));
      HaConfig.Group g = HaConfig.load(home()).removeMember(group, serial);
      out().printf("Member %d successfully removed from group %s.%n", serial, g.label());
      show(out(), g);
    }
  }

  @Command(name = "deletegroup", description = "Delete an HA group (the partitions keep their objects).")
  static final class DeleteGroup extends LinkCommand {
    @Option(names = {"-label", "--label", "-l"}, required = true) String label;

    DeleteGroup(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HaConfig.load(home()).delete(label);
      out().printf("The HA group %s was deleted.%n", label);
    }
  }

  @Command(name = "haonly", description = "Show only HA virtual slots to applications: -enable|-disable|-show.")
  static final class HaOnly extends LinkCommand {
    @Option(names = {"-enable", "--enable"}) boolean enable;
    @Option(names = {"-disable", "--disable"}) boolean disable;
    @Option(names = {"-show", "--show"}) boolean show;

    HaOnly(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if ((enable ? 1 : 0) + (disable ? 1 : 0) + (show ? 1 : 0) != 1) {
        throw new CliException(ExitCode.USAGE, "give exactly one of -enable, -disable, -show");
      }
      HaConfig config = HaConfig.load(home());
      if (!show) {
        config.haOnly(enable);
      }
      out().printf("HA Only mode is %s.%n", HaConfig.load(home()).haOnly() ? "enabled" : "disabled");
    }
  }

  @Command(name = "synchronize", description = "Whether members that return are brought to the group's"
      + " objects: -group L -enable|-disable.")
  static final class Synchronize extends LinkCommand {
    @Option(names = {"-group", "--group", "-g"}, required = true) String group;
    @Option(names = {"-enable", "--enable"}) boolean enable;
    @Option(names = {"-disable", "--disable"}) boolean disable;

    Synchronize(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if (enable == disable) {
        throw new CliException(ExitCode.USAGE, "give exactly one of -enable, -disable");
      }
      HaConfig.load(home()).synchronize(group, enable);
      out().printf("Synchronization for HA group %s is %s.%n", group, enable ? "enabled" : "disabled");
    }
  }

  @Command(name = "retry", description = "Automatic recovery attempts per member: -count N (0 = off).")
  static final class Retry extends LinkCommand {
    @Option(names = {"-count", "--count", "-c"}, required = true) int count;

    Retry(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HaConfig.load(home()).retry(count);
      out().printf("HA Auto Recovery Count has been set to %d%n", count);
    }
  }

  @Command(name = "interval", description = "Automatic recovery interval: -interval S (60 to 1200 seconds).")
  static final class Interval extends LinkCommand {
    @Option(names = {"-interval", "--interval", "-i"}, required = true) int seconds;

    Interval(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HaConfig.load(home()).interval(seconds);
      out().printf("HA Auto Recovery Interval has been set to %d seconds%n", seconds);
    }
  }

  @Command(name = "recover", description = "Open the group and bring its down members back now (synchronised).")
  static final class Recover extends LinkCommand {
    @Option(names = {"-group", "--group", "-g"}, required = true) String group;
    @Option(names = {"-password", "--password", "-p"}, required = true) String password;

    Recover(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HaConfig.Group g = HaConfig.load(home()).group(group).orElseThrow(() ->
          new CliException(ExitCode.USAGE, "no HA group '" + group + "' (see hagroup listgroups)"));
      StcClient client = session().client(home());
      char[] pin = password.toCharArray();
      try (HaGroup ha = HaGroups.open(client, g, Role.CO, pin)) {
        HaListGroups.members(out(), ha.members(), client);
      } finally {
        Arrays.fill(pin, '\0');
      }
    }
  }
}
