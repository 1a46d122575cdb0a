package org.openstc.cli.stcsh;

import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hsm showPolicies} and {@code hsm changePolicy -policy N -value V}: the host's policies
 * (docs/partition-host.md, "Policies and activation"), subcommands of {@link HsmCommands}.
 */
final class HsmPolicyCommands {
  private HsmPolicyCommands() {}

  @Command(name = "showPolicies", description = "Show the HSM policies (number, value, destructive).")
  static final class ShowPolicies extends HostCommand {
    @Mixin Options.Json json;

    ShowPolicies(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PolicyTable.show(ctx, json.json, Map.of(), String.format("The following policies describe"
            + " the current configuration of this HSM and may be changed by the HSM Administrator.%n"
            + "Changing policies marked \"destructive\" destroys every partition on this host.%n%n"),
            Policy.Scope.HSM, store.policies().hsm());
      }
    }
  }

  @Command(name = "changePolicy", description = "Set an HSM policy: 0 (off) or 1 (on).")
  static final class ChangePolicy extends HostCommand {
    @Option(names = {"-policy", "--policy"}, required = true, paramLabel = "N", description = "policy number")
    int code;
    @Option(names = {"-value", "--value", "-v"}, required = true, paramLabel = "V", description = "0 (off) or 1 (on)")
    long value;
    @Mixin Options.Force force;

    ChangePolicy(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        Policy p = Policy.find(Policy.Scope.HSM, code).orElse(null);
        if (p != null && p.destructive() && p.allows(value) && store.policies().hsm().value(p) != value) {
          Confirmation.require(ctx, force.force, PolicyTable.destructiveQuestion(p, value));
          store.policies().changeHsm(code, value);
          for (String name : store.policies().zeroizeIfDestructive(p)) {
            out().printf("Partition %s destroyed.%n", name);
          }
        } else {
          p = store.policies().changeHsm(code, value);
        }
        PolicyTable.changed(out(), "hsm changePolicy", p, value);
      }
    }
  }
}
