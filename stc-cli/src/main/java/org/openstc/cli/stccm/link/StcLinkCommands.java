package org.openstc.cli.stccm.link;

import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.client.ClientConfig;
import org.openstc.client.ServerEntry;
import org.openstc.client.Slot;
import org.openstc.client.SlotEntry;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.token.RegisteredPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code stc enable / disable / status / rekey}: the STC links to a server's partitions. */
public final class StcLinkCommands {
  private StcLinkCommands() {}

  @Command(name = "enable", description = "Reach the partitions registered in the token that live on"
      + " this server over STC; they get slots.")
  public static final class Enable extends LinkCommand {
    @Option(names = {"-id", "--id"}, required = true, description = "the server id (clientconfig listservers)")
    int id;

    Enable(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      StcClient client = session().client(home());
      ServerEntry server = ClientConfig.load(home()).requireServer(id);
      List<RegisteredPartition> partitions = client.partitions();
      if (partitions.isEmpty()) {
        out().println("Warning: no partition identity is registered in the token"
            + " (stc partitionregister -file <serial>.pid), so no slot can be found.");
      }
      Map<Long, String> found = client.enableServer(id);
      List<SlotEntry> slots = ClientConfig.load(home()).slots().stream()
          .filter(e -> e.serverId() == id).toList();
      for (SlotEntry e : slots) {
        try {
          session().slot(home(), e.slot()); // the link the slot table shows is this channel's
        } catch (StcClientException ex) {
          // recorded by the session: the slot's link shows "down: reason"
        }
      }
      List<Map<String, Object>> rows = SlotCommands.rows(this);
      out().printf("STC enabled for server %d (%s).%n", server.id(), server.address());
      for (RegisteredPartition p : partitions) {
        Map<String, Object> row = rows.stream()
            .filter(r -> r.get("serial").equals(String.valueOf(p.serial()))
                && r.get("serverId").equals(id)).findFirst().orElse(null);
        String outcome = row == null ? found.get(p.serial())
            : "slot " + row.get("slot") + " (link " + row.get("link") + ")";
        out().printf("  Partition %d (%s): %s%n", p.serial(),
            row == null ? p.label() : row.get("label"), outcome);
      }
      out().println();
      out().println("Slots:");
      SlotCommands.print(this, rows);
    }
  }

  @Command(name = "disable", description = "Stop using STC for this server's partitions (their slots go away).")
  public static final class Disable extends LinkCommand {
    @Option(names = {"-id", "--id"}, required = true, description = "the server id (clientconfig listservers)")
    int id;

    Disable(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      ClientConfig config = ClientConfig.load(home());
      List<SlotEntry> slots = config.slots().stream().filter(s -> s.serverId() == id).toList();
      ServerEntry server = config.setStcEnabled(id, false);
      slots.forEach(s -> session().drop(s.slot()));
      out().printf("STC disabled for server %d (%s); %d slot(s) removed.%n", server.id(),
          server.address(), slots.size());
    }
  }

  @Command(name = "status", description = "The STC link of the current slot: state, suite, mode,"
      + " counters, replay window, activation time and both identity hashes.")
  public static final class Status extends SlotCommand {
    @Mixin Options.Json json;

    Status(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Map<String, Object> v = ChannelStatus.of(channelSlot());
      Map<String, Object> row = SlotCommands.row(this, (Integer) v.get("slot")).orElseThrow();
      v.put("label", row.get("label"));
      v.put("link", row.get("link"));
      if (json.json) {
        ctx.printJson(v);
        return;
      }
      out().printf("STC Link Status for slot %s (partition %s, %s):%n", v.get("slot"),
          v.get("serial"), v.get("label"));
      for (Map.Entry<String, String> e : ChannelStatus.LABELS.entrySet()) {
        out().printf("  %-36s %s%n", e.getValue() + " :", ChannelStatus.display(v, e.getKey()));
      }
    }
  }

  @Command(name = "rekey", description = "Update the channel keys of the current slot now.")
  public static final class Rekey extends SlotCommand {
    Rekey(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = channelSlot();
      long[] before = s.connection().channel().keyUpdates();
      s.rekey();
      long[] after = s.connection().channel().keyUpdates();
      out().printf("Successfully rekeyed the STC channel of slot %d (key updates sent: %d -> %d,"
          + " received: %d -> %d).%n", s.number(), before[0], after[0], before[1], after[1]);
    }
  }
}
