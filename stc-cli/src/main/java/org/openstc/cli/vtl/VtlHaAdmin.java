package org.openstc.cli.vtl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.cli.stccm.StcCm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vtl haAdmin}, the vendor's older HA commands (seed 002), as aliases of {@code stccm
 * hagroup}: {@code -newGroup -serialNum S -label L [-password P]} is creategroup,
 * {@code -addMember -group L -serialNum S [-password P]} addmember, {@code -removeMember -group L
 * -serialNum S} removemember, {@code -show [-password P]} listgroups.
 */
@Command(name = "haAdmin", description = "HA groups, the older way: -newGroup, -addMember, -removeMember, -show"
    + " (aliases of stccm hagroup).")
final class VtlHaAdmin implements Callable<Integer> {
  private final CliContext ctx;
  @Mixin Options.Home homeOption;
  @Mixin Options.Help help;
  @Option(names = "-newGroup") boolean newGroup;
  @Option(names = "-addMember") boolean addMember;
  @Option(names = "-removeMember") boolean removeMember;
  @Option(names = "-show") boolean show;
  @Option(names = "-serialNum", paramLabel = "S", description = "the member partition's serial") String serial;
  @Option(names = {"-label", "-group"}, paramLabel = "L", description = "the group label") String label;
  @Option(names = "-password", paramLabel = "P", description = "the members' Crypto Officer password") String password;

  VtlHaAdmin(CliContext ctx) {
    this.ctx = ctx;
  }

  /** The exit status of the stccm hagroup command it stands for. */
  @Override
  public Integer call() throws Exception {
    if ((newGroup ? 1 : 0) + (addMember ? 1 : 0) + (removeMember ? 1 : 0) + (show ? 1 : 0) != 1) {
      throw new CliException(ExitCode.USAGE, "give one of -newGroup, -addMember, -removeMember, -show");
    }
    List<String> args = new ArrayList<>(List.of("hagroup"));
    if (show) {
      args.add("listgroups");
    } else {
      require(label, "-label (or -group)");
      require(serial, "-serialNum");
      args.addAll(newGroup ? List.of("creategroup", "-label", label)
          : List.of(addMember ? "addmember" : "removemember", "-group", label));
      args.addAll(List.of("-serialnumber", serial));
    }
    if (password != null && !removeMember) {
      args.addAll(List.of("-password", password));
    }
    if (homeOption.home != null) {
      args.addAll(List.of("-home", homeOption.home.toString()));
    }
    return StcCm.run(ctx, args.toArray(new String[0]));
  }

  private static void require(String value, String what) throws CliException {
    if (value == null) {
      throw new CliException(ExitCode.USAGE, "vtl haAdmin needs " + what);
    }
  }
}
