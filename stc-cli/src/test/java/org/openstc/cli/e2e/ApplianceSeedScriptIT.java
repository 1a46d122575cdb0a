package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.partition.store.AuditLog;

/**
 * Seeds 002 (appliance set-up: showPolicies, partition create, policies 22/23, activate, HSM
 * policy 16) and 000 (a registration-only account; forceSOLogin) typed into {@code bin/stcsh} as
 * an administrator would, as one script on its standard input ({@code stcsh < script}). The HSM
 * initialisation step of seed 002 is the seal part of issue 13 and is not in this script.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // real host and stcsh processes
class ApplianceSeedScriptIT {
  @TempDir Path dir;

  @Test
  void seed002StepsAsTyped() throws Exception {
    Path pw = dir.resolve("admin.pw");
    Files.writeString(pw, "Appliance-Admin-1\n");
    Map<String, String> env = Map.of("STC_ADMIN_USER", "admin", "STC_ADMIN_PASSWORD_FILE", pw.toString());
    String script = String.join("\n",
        "hsm showPolicies",
        "par cr -partition luna_sa1_part1 -size 100000 -password-file " + LiveHost.soPasswordFile(dir),
        "partition changePolicy -partition luna_sa1_part1 -policy 22 -value 1",
        "partition changePolicy -partition luna_sa1_part1 -policy 23 -value 1",
        "partition activate -partition luna_sa1_part1",
        "hsm changePolicy -policy 16 -value 1",
        "partition list",
        "user add -u admin -role admin -password Appliance-Admin-1",
        "user add -u registrar -role registration -password Registrar-Pw-1",
        "sysconf forceSOLogin show",
        "partition showPolicies -partition luna_sa1_part1",
        "audit show -tail 3",
        "exit", "");
    try (LiveHost host = LiveHost.start(dir)) {
      LiveHost.Run run = host.stcshWith(script, env);
      assertEquals(0, run.status(), run.out());
      String out = run.out();
      assertTrue(out.matches("(?s).*Allow cloning\\s+On\\s+7\\s+Yes.*"), out);
      assertTrue(out.contains("Policy \"Allow activation\" is now set to: 1"), out);
      assertTrue(out.contains("Policy \"Allow auto-activation\" is now set to: 1"), out);
      assertTrue(out.contains("'partition activate' successful."), out);
      assertTrue(out.contains("Policy \"Allow network replication\" is now set to: 1"), out);
      assertTrue(out.contains("User registrar added with the role registration."), out);
      assertTrue(out.contains("Activation state: Activated"), out);
      assertFalse(out.contains("Command Result : 44"), out);
      assertFalse(out.contains("Registrar-Pw-1") || out.contains("Appliance-Admin-1"), "the shell masks passwords: " + out);

      // the registration account may register, and nothing else
      Path rpw = dir.resolve("registrar.pw");
      Files.writeString(rpw, "Registrar-Pw-1\n");
      Map<String, String> registrar = Map.of("STC_ADMIN_USER", "registrar", "STC_ADMIN_PASSWORD_FILE", rpw.toString());
      LiveHost.Run list = host.stcshWith("", registrar, "client", "list", "-partition", "par1");
      assertEquals(0, list.status(), list.out());
      assertTrue(list.out().contains("client1"), list.out());
      LiveHost.Run create = host.stcshWith("", registrar, "partition", "create", "-partition", "x", "-size", "100000");
      assertEquals(ExitCode.NOT_PERMITTED.code(), create.status(), create.out());

      List<String> audit = AuditLog.read(host.hostHome(), 0);
      String all = String.join("\n", audit);
      assertTrue(all.contains("partition activate --partition luna_sa1_part1"), all);
      assertTrue(all.contains("\"account\":\"registrar\",\"command\":\"partition create"), all);
      assertFalse(all.contains("Registrar-Pw-1") || all.contains("Appliance-Admin-1"), all);
    }
  }
}
