package org.openstc.cli.stccm.link;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.client.ClientConfig;
import org.openstc.client.ServerEntry;
import org.openstc.client.SlotEntry;
import org.openstc.client.SlotNumbers;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code slot} group: the partitions reachable over STC, and the current one. */
@Command(name = "slot", description = "Slots: registered partitions found on STC-enabled servers.",
    subcommands = {SlotCommands.ListSlots.class, SlotCommands.SetSlot.class})
public final class SlotCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", description = "List the slots: number, partition serial and label, server,"
      + " link state (up = this stccm holds an open channel to it).")
  static final class ListSlots extends LinkCommand {
    @Mixin Options.Json json;

    ListSlots(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      List<Map<String, Object>> rows = rows(this);
      if (json.json) {
        ctx.printJson(Map.of("slots", rows));
      } else {
        print(this, rows);
      }
    }
  }

  /**
   * The slots as every command shows them ({@code slot list}, {@code slot set}, {@code stc enable},
   * {@code stc status}): one row per slot of servers.json, the label as the partition reported it
   * (else as registered in the token), the link as this run knows it
   * ({@link ClientSession#linkState}). A new column is one more {@code row.put}.
   */
  static List<Map<String, Object>> rows(LinkCommand c) throws Exception {
    ClientConfig config = ClientConfig.load(c.home());
    Map<Long, String> labels = partitionLabels(c);
    Integer current = config.slots().isEmpty() ? null : CurrentSlot.get(c.home());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SlotEntry e : config.slots()) {
      if (SlotNumbers.hidden(c.home(), e.serial())) {
        continue; // HA-only: a group member's slot is used through the group's virtual slot
      }
      ServerEntry server = config.requireServer(e.serverId());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("slot", e.slot());
      row.put("serial", String.valueOf(e.serial()));
      row.put("label", e.label() != null ? e.label() : labels.getOrDefault(e.serial(), ""));
      row.put("serverId", server.id());
      row.put("server", server.label() + " (" + server.address() + ")");
      row.put("link", c.session().linkState(e.slot()));
      row.put("current", current != null && current == e.slot());
      row.put("linkType", "STC");
      rows.add(row);
    }
    rows.addAll(NtlsSlotRows.rows(c));
    HaListGroups.virtualSlots(c.home(), rows);
    return rows;
  }

  /** The row of slot {@code n}, or empty if there is no such slot. */
  static java.util.Optional<Map<String, Object>> row(LinkCommand c, int n) throws Exception {
    return rows(c).stream().filter(r -> r.get("slot").equals(n)).findFirst();
  }

  static void print(LinkCommand c, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      c.out().println("No slots. Register partitions (stc partitionregister), add their server"
          + " (clientconfig addserver) and run stc enable -id <server>.");
      return;
    }
    c.out().printf("  %-5s %-20s %-20s %-34s %s%n", "Slot", "Serial", "Label", "Server", "Link");
    for (Map<String, Object> r : rows) {
      c.out().printf("%s %-5s %-20s %-20s %-34s %s%n", (Boolean) r.get("current") ? "*" : " ",
          r.get("slot"), r.get("serial"), r.get("label"), r.get("server"), r.get("link"));
    }
    c.out().println("(* = current slot)");
  }

  private static Map<Long, String> partitionLabels(LinkCommand c) throws Exception {
    Map<Long, String> labels = new HashMap<>();
    if (!Files.exists(c.home()) || !TokenHome.of(c.home()).exists()) {
      return labels;
    }
    try (Token token = Token.open(c.home())) {
      for (RegisteredPartition p : token.partitions()) {
        labels.put(p.serial(), p.label());
      }
    }
    return labels;
  }

  @Command(name = "set", description = "Make a slot the current one (kept in STC_HOME).")
  static final class SetSlot extends LinkCommand {
    @Option(names = {"-slot", "--slot"}, required = true, paramLabel = "N", description = "the slot number")
    int slot;

    SetSlot(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      CurrentSlot.set(home(), slot);
      Map<String, Object> r = row(this, slot).orElseThrow();
      out().printf("Current slot set to slot %d (partition %s, %s, link %s).%n", slot,
          r.get("serial"), r.get("label"), r.get("link"));
    }
  }
}
