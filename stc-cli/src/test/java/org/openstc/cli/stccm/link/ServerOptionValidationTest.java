package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.HostNames;

/** {@code clientconfig addserver} refuses hosts no resolver would take, before storing anything. */
class ServerOptionValidationTest {
  @TempDir
  Path home;

  @Test
  void aHugeOrMalformedHostIsAUsageErrorAndNothingIsStored() {
    Cm cm = new Cm(home);
    for (String host : new String[] {"a".repeat(5000), "bad host", "-dash.example", "x_y", ":",
        "[::1", "host:70000", "host:0"}) {
      assertEquals(ExitCode.USAGE.code(), cm.run("clientconfig", "addserver", "-n", host),
          cm.both());
      assertFalse(cm.both().contains("\tat "), "a stack trace for " + host + ": " + cm.both());
    }
    assertFalse(Files.exists(home.resolve("servers.json")) && readServers().contains("aaaa"));
  }

  @Test
  void namesAndAddressesUsersTypeAreAccepted() {
    for (String host : new String[] {"hsm1", "hsm-1.example.com", "192.0.2.7", "::1",
        "fe80::1%eth0", "a".repeat(63) + ".example"}) {
      assertTrue(HostNames.valid(host), host);
    }
    assertFalse(HostNames.valid("a".repeat(64) + ".example"), "a label over 63 characters");
    assertFalse(HostNames.valid(("a".repeat(60) + ".").repeat(5)), "a name over 253 characters");
  }

  private String readServers() {
    try {
      return Files.readString(home.resolve("servers.json"));
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
