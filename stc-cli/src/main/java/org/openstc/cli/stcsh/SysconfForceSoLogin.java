package org.openstc.cli.stcsh;

import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sysconf forceSOLogin enable|disable|show}, under {@link SysconfCommands}: while enabled,
 * {@code client register} needs the HSM SO logged in (seed 000: "You can force the appliance to require HSM SO login for this
 * procedure with lunash:> sysconf forceSOLogin enable"). Checked by {@link AdminAccess}.
 */
final class SysconfForceSoLogin {
  private SysconfForceSoLogin() {}

  @Command(name = "forceSOLogin", description = "Whether client registration needs the HSM SO login.",
      subcommands = {Enable.class, Disable.class, Show.class})
  static final class ForceSoLogin extends StcSettingsCommands.Group {}

  @Command(name = "enable", description = "Require the HSM SO login for client register.")
  static final class Enable extends HostCommand {
    Enable(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.policies().setForceSoLogin(true);
        out().println("Force SO login is enabled: client register now needs the HSM SO logged in.");
      }
    }
  }

  @Command(name = "disable", description = "Do not require the HSM SO login for client register (default).")
  static final class Disable extends HostCommand {
    Disable(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.policies().setForceSoLogin(false);
        out().println("Force SO login is disabled.");
      }
    }
  }

  @Command(name = "show", description = "Show whether the HSM SO login is forced.")
  static final class Show extends HostCommand {
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        boolean on = store.policies().forceSoLogin();
        if (json.json) {
          ctx.printJson(Map.of("forceSOLogin", on));
          return;
        }
        out().printf("Force SO login is %s.%n", on ? "enabled" : "disabled");
      }
    }
  }
}
