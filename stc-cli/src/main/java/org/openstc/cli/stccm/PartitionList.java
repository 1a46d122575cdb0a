package org.openstc.cli.stccm;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "partitionlist", aliases = "pl", description = "List the partition identities registered on the client token.")
final class PartitionList extends TokenCommand {
  @Mixin Options.Json json;

  PartitionList(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    try (Token token = open()) {
      List<RegisteredPartition> partitions = token.partitions();
      if (json.json) {
        List<Map<String, Object>> view = new ArrayList<>();
        partitions.forEach(p -> view.add(view(p)));
        ctx.printJson(Map.of("partitions", view));
      } else {
        printTable(out(), partitions);
      }
    }
  }

  static Map<String, Object> view(RegisteredPartition p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serial", Long.toString(p.serial()));
    m.put("label", p.label());
    m.put("keyType", p.keyType().label());
    m.put("fingerprint", p.fingerprint());
    m.put("registered", p.registered().toString());
    return m;
  }

  static void printTable(PrintWriter out, List<RegisteredPartition> partitions) {
    out.println("Registered Partitions: " + partitions.size());
    if (partitions.isEmpty()) {
      return;
    }
    out.printf("  %-18s %-20s %-8s %s%n", "Serial", "Label", "Key Type", "Public Key Hash (SHA-256)");
    for (RegisteredPartition p : partitions) {
      out.printf("  %-18d %-20s %-8s %s%n", p.serial(), p.label(), p.keyType().label(), p.fingerprint());
    }
  }
}
