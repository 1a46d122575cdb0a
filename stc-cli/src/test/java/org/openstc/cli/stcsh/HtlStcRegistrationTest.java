package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.command.HtlToken;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/**
 * {@code client register -partition P -label L -file F -requirehtl -generateott} and the {@code
 * htl} commands with {@code -partition P -label L}: the STC registration's HTL name is {@code
 * L@SERIAL}, its token file {@code L@SERIAL.ott}; deregistering forgets it; wrong forms are usage
 * errors without a stack trace.
 */
class HtlStcRegistrationTest {
  @TempDir Path home;
  @TempDir Path files;
  StcShHarness h;
  Path id;

  @BeforeEach
  void hostWithPartition() throws Exception {
    h = StcShHarness.initialized(home);
    assertEquals(0, h.run("partition", "create", "-partition", "p1", "-size", "100000"), h::both);
    id = files.resolve("vm.stcid");
    IdentityFile.client("vm", InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca())
        .identity()).write(id);
  }

  @Test
  void registerRequireGenerateShowRegenerateDeregister() throws Exception {
    assertEquals(0, h.run("client", "register", "-partition", "p1", "-label", "vm", "-file",
        id.toString(), "-requirehtl", "-ottexpiry", "120", "-generateott", "-password",
        StcShHarness.SO_PASSWORD), h::both);
    assertTrue(h.out.contains("successfully registered on partition p1"), h::both);
    String name = h.out.lines().filter(l -> l.startsWith("One-time token for client vm@"))
        .findFirst().orElseThrow().split(" ")[4];
    assertTrue(h.out.contains("stccm htl install -file " + name + ".ott"), h::both);
    HtlToken t = HtlToken.decode(Files.readAllBytes(home.resolve(name + ".ott")));
    assertEquals(name, t.client());

    assertEquals(0, h.run("htl", "show", "-partition", "p1", "-label", "vm"), h::both);
    assertTrue(h.out.contains(String.format("%-20s%-15s%-15s%s", name, "Down", "Ready for d/l",
        "120")), h::both);
    assertEquals(0, h.run("htl", "generateott", "-partition", "p1", "-label", "vm", "-password",
        StcShHarness.SO_PASSWORD), h::both);
    assertFalse(java.util.Arrays.equals(t.token(), HtlToken.decode(Files.readAllBytes(
        home.resolve(name + ".ott"))).token()), "a new token");
    assertEquals(0, h.run("htl", "clearott", "-partition", "p1", "-label", "vm"), h::both);
    assertFalse(Files.exists(home.resolve(name + ".ott")));

    assertEquals(0, h.run("client", "deregister", "-partition", "p1", "-label", "vm"), h::both);
    assertEquals(ExitCode.USAGE.code(), h.run("htl", "show", "-partition", "p1", "-label", "vm"),
        h::both);
    assertTrue(h.err.contains("does not require HTL"), h::both);
  }

  @Test
  void anAccountsTokenGoesToItsFileAreaForScp() throws Exception {
    assertEquals(0, h.run("user", "add", "-u", "root", "-role", "admin", "-password",
        "admin-pass-1"), h::both);
    Path pw = Files.writeString(files.resolve("root.pw"), "admin-pass-1\n");
    assertEquals(0, h.run("client", "register", "-partition", "p1", "-label", "vm", "-file",
        id.toString(), "-requirehtl", "-generateott", "-password", StcShHarness.SO_PASSWORD,
        "-user", "root", "-user-password-file", pw.toString()), h::both);
    String name = h.out.lines().filter(l -> l.startsWith("One-time token for client vm@"))
        .findFirst().orElseThrow().split(" ")[4];
    Path inArea = home.resolve("files/root/" + name + ".ott");
    assertEquals(name, HtlToken.decode(Files.readAllBytes(inArea)).client());
    assertFalse(Files.exists(home.resolve(name + ".ott")), "not in the host home");
    assertEquals(0, h.run("htl", "clearott", "-partition", "p1", "-label", "vm", "-user", "root",
        "-user-password-file", pw.toString()), h::both);
    assertFalse(Files.exists(inArea));
  }

  @Test
  void wrongFormsAreUsageErrors() {
    assertEquals(ExitCode.USAGE.code(), h.run("client", "register", "-partition", "p1", "-label",
        "vm", "-file", id.toString(), "-generateott"), h::both);
    assertTrue(h.err.contains("need -requirehtl") && !h.err.contains("\tat "), h::both);
    assertEquals(ExitCode.USAGE.code(), h.run("client", "register", "-partition", "p1", "-label",
        "vm", "-file", id.toString(), "-requirehtl", "-ottexpiry", "5"), h::both);
    assertTrue(h.err.contains("10..86400"), h::both);
    assertEquals(ExitCode.USAGE.code(), h.run("client", "register", "-partition", "p1", "-dir",
        files.toString(), "-requirehtl"), h::both);
    assertEquals(ExitCode.USAGE.code(), h.run("htl", "generateott", "-partition", "p1"), h::both);
    assertTrue(h.err.contains("-client NAME (NTLS) or -partition P -label L"), h::both);
    assertEquals(ExitCode.USAGE.code(), h.run("htl", "clearott", "-client", "x", "-partition", "p1",
        "-label", "vm"), h::both);
  }
}
