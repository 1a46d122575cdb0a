package org.openstc.cli.stcsh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.command.PartitionInfo;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code partition list} and {@code partition show}. */
final class PartitionViews {
  private PartitionViews() {}

  @Command(name = "list", description = "List the partitions of this host.")
  static final class ListCommand extends HostCommand {
    @Mixin Options.Json json;

    ListCommand(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PartitionRecord p : store.partitions().list()) {
          rows.add(describe(p));
        }
        if (json.json) {
          ctx.printJson(rows);
          return;
        }
        out().printf("%-20s %-14s %-20s %-8s %14s %14s %8s%n", "Partition", "Serial", "Label",
            "Key", "Size", "Used", "Clients");
        for (Map<String, Object> r : rows) {
          out().printf("%-20s %-14s %-20s %-8s %14s %14s %8s%n", r.get("partition"), r.get("serial"),
              r.get("label"), r.get("keyType"), r.get("sizeBytes"), r.get("usedBytes"), r.get("clientsRegistered"));
        }
        out().printf("%d partition(s).%n", rows.size());
      }
    }
  }

  @Command(name = "show", description = "Show a partition: size, used, free, clients, identity.")
  static final class Show extends HostCommand {
    @Option(names = {"-partition", "--partition"}, required = true, description = "partition name")
    String name;
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        Map<String, Object> d = describe(store.partitions().get(name));
        if (json.json) {
          ctx.printJson(d);
          return;
        }
        print("Partition Name", d.get("partition"));
        print("Partition Serial Number", d.get("serial"));
        print("Partition Label", d.get("label"));
        print("Initialized", d.get("initialized"));
        print("Identity Key Type", d.get("keyType"));
        print("Created", d.get("created"));
        print("Size (bytes)", d.get("sizeBytes"));
        print("Used (bytes)", d.get("usedBytes"));
        print("Free (bytes)", d.get("freeBytes"));
        print("Objects", d.get("objects"));
        print("Clients Registered", d.get("clientsRegistered"));
        print("More Clients That Fit", d.get("moreClientsFit"));
        print("Public Key Hash (SHA-256)", d.get("fingerprint"));
      }
    }

    private void print(String name, Object value) {
      out().printf("%-28s: %s%n", name, value);
    }
  }

  static Map<String, Object> describe(PartitionRecord p) {
    PartitionInfo i = Partitions.info(p);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("partition", i.name());
    m.put("serial", Long.toString(i.serial()));
    m.put("label", i.label());
    m.put("initialized", i.initialized());
    m.put("keyType", i.keyType().label());
    m.put("created", Instant.ofEpochMilli(p.createdMillis()).toString());
    m.put("sizeBytes", i.sizeBytes());
    m.put("usedBytes", i.usedBytes());
    m.put("freeBytes", i.freeBytes());
    m.put("objects", i.objects());
    m.put("clientsRegistered", i.clients());
    m.put("moreClientsFit", i.moreClientsFit());
    m.put("fingerprint", i.fingerprint());
    return m;
  }
}
