package org.openstc.cli.stcsh;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Policy;
import org.openstc.partition.store.PolicyValues;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code partition showPolicies|changePolicy|activate|deactivate -partition P}: a partition's
 * policies and activation (docs/partition-host.md, "Policies and activation"). A deactivated
 * partition's clients get CKR_TOKEN_NOT_PRESENT from their next command.
 */
final class PartitionPolicyCommands {
  private PartitionPolicyCommands() {}

  /** Base: the {@code -partition} option. */
  abstract static class OnPartition extends HostCommand {
    @Option(names = {"-partition", "--partition"}, required = true, description = "partition name")
    String name;

    OnPartition(CliContext ctx) {
      super(ctx);
    }
  }

  @Command(name = "showPolicies", description = "Show a partition's policies and activation state.")
  static final class ShowPolicies extends OnPartition {
    @Mixin Options.Json json;

    ShowPolicies(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PartitionRecord p = store.partitions().get(name);
        PolicyValues values = store.policies().partition(p.serial());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("partition", p.name());
        fields.put("serial", Long.toString(p.serial()));
        fields.put("activated", values.activated());
        PolicyTable.show(ctx, json.json, fields, String.format("Partition: %s (serial %d)%n"
            + "Activation state: %s%n%n", p.name(), p.serial(), values.activated() ? "Activated" : "Deactivated"),
            Policy.Scope.PARTITION, values);
      }
    }
  }

  @Command(name = "changePolicy", description = "Set a partition policy: 0 (off) or 1 (on).")
  static final class ChangePolicy extends OnPartition {
    @Option(names = {"-policy", "--policy"}, required = true, paramLabel = "N", description = "policy number")
    int code;
    @Option(names = {"-value", "--value", "-v"}, required = true, paramLabel = "V", description = "0 (off) or 1 (on)")
    long value;

    ChangePolicy(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        Policy p = store.policies().changePartition(store.partitions().get(name).serial(), code, value);
        PolicyTable.changed(out(), "partition changePolicy", p, value);
      }
    }
  }

  @Command(name = "activate", description = "Activate a partition: serve its clients (needs policy 22 on).")
  static final class Activate extends OnPartition {
    Activate(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.policies().activate(store.partitions().get(name).serial());
        out().println("'partition activate' successful.");
      }
    }
  }

  @Command(name = "deactivate", description = "Deactivate a partition: its clients' commands are"
      + " refused (CKR_TOKEN_NOT_PRESENT) until it is activated again.")
  static final class Deactivate extends OnPartition {
    Deactivate(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.policies().deactivate(store.partitions().get(name).serial());
        out().println("'partition deactivate' successful.");
      }
    }
  }
}
