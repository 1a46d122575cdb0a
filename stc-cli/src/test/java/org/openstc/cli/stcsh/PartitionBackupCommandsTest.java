package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/**
 * {@code stcsh partition backup|restore} in-process: restore over an existing partition asks for
 * {@code proceed}; a wrong password, a host backup, another host's partition without
 * {@code -foreign}, a missing partition and an existing file are refused with their exit codes
 * and change nothing.
 */
class PartitionBackupCommandsTest {
  @TempDir Path dir;
  private StcShHarness h;
  private Path file;
  private Path password;

  @BeforeEach
  void partitionWithTwoClientsBackedUp() throws Exception {
    h = StcShHarness.initialized(dir.resolve("host"));
    password = secret("password", "partition-backup-1");
    file = dir.resolve("p1.bak");
    ok("partition", "create", "-partition", "p1", "-size", "100000");
    for (String label : new String[] {"c1", "c2"}) {
      ok("client", "register", "-partition", "p1", "-label", label, "-file", client(label));
    }
    ok("partition", "backup", "-partition", "p1", "-file", file.toString(),
        "-backup-password-file", password.toString());
    assertTrue(h.out.contains("Partition backup of p1 written to " + file + ": partition p1"),
        h::both);
    assertTrue(h.out.contains("0 objects, 2 registrations"), h::both);
  }

  @Test
  void restoreOverTheChangedPartitionAsksForProceed() throws Exception {
    ok("client", "deregister", "-partition", "p1", "-label", "c1");
    String restore = "partition restore -partition p1 -file " + file + " -backup-password-file "
        + password;
    assertEquals(ExitCode.CANCELLED.code(), h.runWith("quit\n", restore.split(" ")), h::both);
    assertTrue(h.out.contains("Partition p1 (serial "), h::both);
    assertEquals(1, clients());
    assertEquals(0, h.runWith("proceed\n", restore.split(" ")), h::both);
    assertTrue(h.out.contains("Restored partition p1 from " + file), h::both);
    assertEquals(2, clients());
  }

  @Test
  void refusalsChangeNothing() throws Exception {
    ok("client", "deregister", "-partition", "p1", "-label", "c1");
    fails(ExitCode.INVALID_FILE, "wrong backup password", "partition", "restore", "-partition",
        "p1", "-file", file.toString(), "-backup-password-file",
        secret("wrong", "not-the-password").toString(), "-force");
    Path hostBackup = dir.resolve("host.bak");
    ok("hsm", "backup", "-file", hostBackup.toString(), "-password-file", password.toString());
    fails(ExitCode.INVALID_FILE, "restore it with hsm restore", "partition", "restore",
        "-partition", "p1", "-file", hostBackup.toString(), "-backup-password-file",
        password.toString(), "-force");
    fails(ExitCode.ALREADY_EXISTS, "give -force to replace it", "partition", "backup",
        "-partition", "p1", "-file", file.toString(), "-backup-password-file",
        password.toString());
    fails(ExitCode.NOT_FOUND, "partition nope does not exist", "partition", "backup",
        "-partition", "nope", "-file", dir.resolve("nope.bak").toString(),
        "-backup-password-file", password.toString());
    assertEquals(1, clients());
  }

  @Test
  void anotherHostNeedsForeign() throws Exception {
    StcShHarness other = StcShHarness.initialized(dir.resolve("other"));
    String[] restore = {"partition", "restore", "-partition", "p1", "-file", file.toString(),
        "-backup-password-file", password.toString(), "-force"};
    assertEquals(ExitCode.NOT_PERMITTED.code(), other.run(restore), other::both);
    assertTrue(other.err.contains("give -foreign") && other.err.contains("nothing was changed"),
        other::both);
    assertEquals(0, other.run("partition", "list"), other::both);
    assertTrue(other.out.contains("0 partition(s)."), other::both);
    String[] foreign = java.util.Arrays.copyOf(restore, restore.length + 1);
    foreign[restore.length] = "-foreign";
    assertEquals(0, other.run(foreign), other::both);
    assertEquals(0, other.run("client", "list", "-partition", "p1"), other::both);
    assertTrue(other.out.contains("2 client(s) registered on partition p1."), other::both);
  }

  private int clients() {
    assertEquals(0, h.run("client", "list", "-partition", "p1"), h::both);
    return h.out.contains("2 client(s)") ? 2 : h.out.contains("1 client(s)") ? 1 : -1;
  }

  private void ok(String... args) {
    assertEquals(0, h.run(args), h::both);
  }

  private void fails(ExitCode code, String message, String... args) {
    assertEquals(code.code(), h.run(args), h::both);
    assertTrue(h.err.contains(message), h::both);
  }

  private String client(String label) throws Exception {
    Path f = dir.resolve(label + ".stcid");
    IdentityFile.client(label, InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca())
        .identity()).write(f);
    return f.toString();
  }

  private Path secret(String name, String value) throws Exception {
    Path f = dir.resolve(name);
    OwnerOnlyFiles.write(f, (value + "\n").getBytes(StandardCharsets.UTF_8));
    return f;
  }
}
