package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.cli.e2e.NtlsHost.expect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004 (a NetScaler VPX client establishing an NTL) step by step with the real launchers, the
 * appliance steps typed into {@code stcsh} as one script. Our names: the client's IP is 127.0.0.1,
 * scp is a file copy into and out of the host home, the NTLS port is a free one (hence
 * {@code -port} on addServer). Steps 9-12 (persisting Chrystoki.conf on the VPX, starting its
 * gateway) have no openstc counterpart: an application opening the slot stands for them.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class NtlsSeed004ScriptIT {
  private static final String CLIENT = "NS-IBMADC690867-s6dr";

  @TempDir Path dir;

  @Test
  void seed004StepsAsTyped() throws Exception {
    try (NtlsHost host = NtlsHost.start(dir)) {
      // 1. vtl createcert -n <client IP>
      String created = expect(0, host.vtl("createcert", "-n", "127.0.0.1")).out();
      Path clientCert = host.clientHome().resolve("cert/client/127.0.0.1.pem");
      assertTrue(created.contains("Private Key created and written to: "
          + host.clientHome().resolve("cert/client/127.0.0.1Key.pem")), created);
      assertTrue(created.contains("Certificate created and written to: " + clientCert), created);
      // 2. scp the client certificate to the appliance administrator's home
      Files.copy(clientCert, host.hostHome().resolve("127.0.0.1.pem"));
      // 3. scp server.pem from the appliance, then add the server
      Path serverPem = Files.copy(host.hostHome().resolve("server.pem"), dir.resolve("server.pem"));
      String added = expect(0, host.vtl("addServer", "-n", "127.0.0.1", "-c", serverPem.toString(),
          "-port", String.valueOf(host.ntlsPort()))).out();
      assertTrue(added.contains("New server 127.0.0.1 successfully added to server list."), added);
      // 3 (again). confirm the server
      assertTrue(expect(0, host.vtl("listservers")).out()
          .contains("Server: 127.0.0.1  HTL required: no"));

      // 4-7 on the appliance: client list, register, client list, assignPartition
      String shell = expect(0, host.stcshScript(String.join("\n",
          "client list",
          "client register -c " + CLIENT + " -ip 127.0.0.1",
          "client list",
          "client assignPartition -c " + CLIENT + " -p par1",
          "exit", ""))).out();
      assertTrue(shell.contains("No clients are registered."), shell);
      assertTrue(shell.contains("'client register' successful."), shell);
      assertTrue(shell.contains("registered client 1: " + CLIENT), shell);
      assertTrue(shell.contains("'client assignPartition' successful."), shell);
      assertTrue(shell.contains("Command Result : 0 (Success)"), shell);
      assertFalse(shell.matches("(?s).*Command Result : [1-9].*"), shell);

      // 8. vtl verify lists the partition bound to this trust link
      String verified = expect(0, host.vtl("verify")).out();
      assertTrue(verified.contains("The following Luna SA Slots/Partitions were found:"), verified);
      assertTrue(Pattern.compile("(?m)^\\s+0\\s+\\d+\\s+par1$").matcher(verified).find(), verified);
      // ... and the client configuration names the files and the server (Chrystoki.conf there)
      String config = Files.readString(host.clientHome().resolve("ntls.json"));
      assertTrue(config.contains("127.0.0.1") && config.contains(String.valueOf(host.ntlsPort())),
          config);
      assertTrue(Files.exists(host.clientHome().resolve("cert/server/CAFile.pem")));

      // 10-12 stand-in: an application uses the slot over the link
      String slots = expect(0, host.stccm("slot", "list")).out();
      assertTrue(slots.contains("NTLS"), slots);
      expect(0, host.stccm("partition", "show", "-slot", "0"));
    }
  }
}
