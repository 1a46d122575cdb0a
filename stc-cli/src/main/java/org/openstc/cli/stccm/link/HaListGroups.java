package org.openstc.cli.stccm.link;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.openstc.cli.common.CliContext;
import org.openstc.client.HaConfig;
import org.openstc.client.HaGroup;
import org.openstc.client.HaGroups;
import org.openstc.client.SlotNumbers;
import org.openstc.client.StcClient;
import org.openstc.command.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hagroup listgroups}: the HA settings and each group in the vendor's layout; with
 * {@code -password} the group is opened and each member shown alive or down.
 */
@Command(name = "listgroups", description = "List the HA groups; with -password, each member's status.")
final class HaListGroups extends LinkCommand {
  @Option(names = {"-password", "--password", "-p"}, description = "the members' Crypto Officer password")
  String password;

  HaListGroups(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    HaConfig config = HaConfig.load(home());
    int first = SlotNumbers.firstHa(home(), StcClient.DEFAULT_TIMEOUT);
    PrintWriter out = out();
    if (password == null) {
      out.printf("%n        Member status and sync info need the password of the group members (-password).%n");
    }
    out.printf("%n%32s  %s%n", "HA auto recovery:", config.retry() > 0 ? "enabled" : "disabled");
    out.printf("%32s  %s%n", "HA recovery mode:", config.recoveryMode().vendorName());
    out.printf("%32s  %d%n", "Maximum auto recovery retry:", config.retry());
    out.printf("%32s  %d seconds%n", "Auto recovery poll interval:", config.intervalSeconds());
    out.printf("%32s  %d seconds%n", "HA command timeout:", config.commandTimeout().toSeconds());
    out.printf("%32s  %s%n", "HA logging:", "disabled");
    out.printf("%32s  %s%n", "Only Show HA Slots:", config.haOnly() ? "yes" : "no");
    List<HaConfig.Group> groups = config.groups();
    if (groups.isEmpty()) {
      out.printf("%nThere are no HA groups.%n");
    }
    for (int i = 0; i < groups.size(); i++) {
      HaConfig.Group g = groups.get(i);
      List<HaGroup.MemberStatus> members = null;
      boolean needsSync = !g.needsSync().isEmpty();
      StcClient client = null;
      if (password != null) { // each member's status, and whether it lacks one of the group's objects
        client = session().client(home());
        char[] pin = password.toCharArray();
        try (HaGroup ha = HaGroups.inspect(client, g, Role.CO, pin)) {
          members = ha.members();
          needsSync = ha.needsSync();
        } finally {
          Arrays.fill(pin, '\0');
        }
      }
      out.printf("%n%24s  %s%n", "HA Group Label:", g.label());
      out.printf("%24s  %s%n", "HA Group Number:", g.number());
      out.printf("%24s  %d%n", "HA Group Slot ID:", first + i);
      out.printf("%24s  %s%n", "Synchronization:", g.synchronize() ? "enabled" : "disabled");
      out.printf("%24s  %s%n", "Group Members:", HaGroupCommands.join(g.members()));
      out.printf("%24s  %s%n", "Needs sync:", needsSync ? "yes" : "no");
      out.printf("%24s  %s%n", "Standby Members:", g.standby().isEmpty() ? "<none>" : HaGroupCommands.join(g.standby()));
      if (members != null) {
        members(out, members, client);
      }
    }
  }

  /** The HA virtual slots after the physical ones, as {@code slot list} rows (server id -1). */
  static void virtualSlots(java.nio.file.Path home, List<java.util.Map<String, Object>> rows)
      throws Exception {
    List<HaConfig.Group> groups = HaConfig.load(home).groups();
    int first = groups.isEmpty() ? 0 : SlotNumbers.firstHa(home, StcClient.DEFAULT_TIMEOUT);
    for (int i = 0; i < groups.size(); i++) {
      java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
      row.put("slot", first + i);
      row.put("serial", groups.get(i).number());
      row.put("label", groups.get(i).label());
      row.put("serverId", -1);
      row.put("server", "HA Virtual Card Slot");
      row.put("link", "members " + HaGroupCommands.join(groups.get(i).members()));
      row.put("current", false);
      row.put("linkType", "HA");
      rows.add(row);
    }
  }

  /** The member table: slot (dashes: members have no slot of their own here), serial, label, status. */
  static void members(PrintWriter out, List<HaGroup.MemberStatus> members, StcClient client) throws Exception {
    out.printf("%n%-8s  %-30s  %12s  %s%n", "Slot #", "Member S/N", "Member Label", "Status");
    out.printf("%-8s  %-30s  %12s  %s%n", "======", "==========", "============", "======");
    for (HaGroup.MemberStatus m : members) {
      String label = client.partitions().stream().filter(p -> p.serial() == m.serial())
          .map(p -> p.label()).findFirst().orElse("------------");
      out.printf("%-6s  %12d  %30s  %8s%n", "------", m.serial(), label, m.status());
    }
  }
}
