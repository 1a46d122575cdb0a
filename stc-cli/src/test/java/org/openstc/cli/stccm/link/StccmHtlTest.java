package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.command.HtlToken;
import org.openstc.partition.store.HtlState;

/**
 * {@code stccm htl install|show} for an STC registration that requires HTL: the token from the
 * host installed, consumed by the next command's channel, then the rolling secret; damaged,
 * foreign and NTLS tokens refused with exit codes; a copy of the home refused once the original
 * moved on; the same registration made by the Partition SO over the channel.
 */
class StccmHtlTest {
  @TempDir Path dir;

  private Path token(LinkFixture host, String name) throws Exception {
    byte[] token = new byte[32];
    new SecureRandom().nextBytes(token);
    HtlToken t = host.store.htl().generateOtt(name, token, System.currentTimeMillis());
    return Files.write(dir.resolve(name + ".ott"), t.encode());
  }

  @Test
  void installUseAndCloneRefused() throws Exception {
    try (LinkFixture host = new LinkFixture(dir)) {
      Cm cm = host.newClient("vm");
      host.bootstrap(cm, "vm");
      host.connect(cm);
      String name = host.store.htl().requireStc(host.serial(), "vm", 0).client();
      assertEquals(HtlState.stcName(host.serial(), "vm"), name);
      assertEquals(0, cm.run("htl", "show"), cm.both());
      assertTrue(cm.out.contains("not used"), cm.both());
      assertNotEquals(0, cm.run("random", "-bytes", "4"), cm.both());
      assertTrue(cm.both().contains("-requirehtl"), cm.both());

      Path file = token(host, name);
      String text = Files.readString(file);
      Files.writeString(file, text.replace("expires 1", "expires 2"));
      assertEquals(ExitCode.INVALID_FILE.code(), cm.run("htl", "install", "-file",
          file.toString()), cm.both());
      assertTrue(cm.err.contains("MAC mismatch") && !cm.err.contains("\tat "), cm.both());
      Path ntls = Files.writeString(dir.resolve("VM_Client.ott"), text.replace("client " + name,
          "client VM_Client"));
      assertEquals(ExitCode.INVALID_FILE.code(), cm.run("htl", "install", "-file",
          ntls.toString()), cm.both());
      host.store.htl().requireStc(4242, "vm", 0); // a partition this client never registered
      Path foreign = token(host, "vm@4242");
      assertEquals(ExitCode.NOT_FOUND.code(), cm.run("htl", "install", "-file",
          foreign.toString()), cm.both());

      Files.writeString(file, text);
      assertEquals(0, cm.run("htl", "install", "-file", file.toString()), cm.both());
      assertFalse(Files.exists(file), "moved");
      assertEquals(0, cm.run("htl", "show"), cm.both());
      assertTrue(cm.out.contains("token waiting"), cm.both());
      assertEquals(0, cm.run("random", "-bytes", "4"), cm.both());
      assertEquals(0, cm.run("htl", "show"), cm.both());
      assertTrue(cm.out.contains("synchronized"), cm.both());

      Cm clone = new Cm(dir.resolve("clone"));
      copy(cm.home(), clone.home());
      assertEquals(0, cm.run("random", "-bytes", "4"), cm.both());
      assertNotEquals(0, clone.run("random", "-bytes", "4"), clone.both());
      assertTrue(clone.both().contains("stale secret"), clone.both());
      assertEquals(0, cm.run("random", "-bytes", "4"), cm.both());
    }
  }

  /**
   * {@code stcconfig clientregister -requirehtl -generateott} by the Partition SO over its channel:
   * the host registers and marks the client, the token file comes back and is written; the client
   * installs it, and a copy of its home is refused while the original stays synchronized.
   */
  @Test
  void thePartitionSoRegistersRequiringHtlOverTheChannel() throws Exception {
    try (LinkFixture host = new LinkFixture(dir)) {
      Cm po = host.initializedClient("po");
      Cm vm = host.newClient("vm");
      Path id = dir.resolve("vm.stcid");
      assertEquals(0, vm.run("stc", "identityexport", "-file", id.toString()), vm.both());
      String name = HtlState.stcName(host.serial(), "vm");
      String[] so = {"-role", "po", "-password", LinkFixture.SO_PIN};
      assertEquals(ExitCode.USAGE.code(), po.run(with(so, "stcconfig", "clientregister", "-label",
          "vm", "-file", id.toString(), "-generateott")), po.both());
      assertEquals(ExitCode.USAGE.code(), po.run(with(so, "stcconfig", "clientregister", "-label",
          "vm", "-file", id.toString(), "-requirehtl", "-ottexpiry", "5")), po.both());
      assertTrue(po.err.contains("10..86400") && !po.err.contains("\tat "), po.both());
      assertNotEquals(0, po.run("stcconfig", "clientregister", "-label", "vm", "-file",
          id.toString(), "-requirehtl", "-generateott", "-role", "co", "-password",
          LinkFixture.CO_PIN), po.both());
      assertTrue(host.store.htl().state(name).isEmpty(), "nothing marked");

      Path out = Files.createDirectories(dir.resolve("outbox"));
      assertEquals(0, po.run(with(so, "stcconfig", "clientregister", "-label", "vm", "-file",
          id.toString(), "-requirehtl", "-ottexpiry", "120", "-generateott", "-ottfile",
          out.toString())), po.both());
      Path ott = out.resolve(name + ".ott");
      assertTrue(po.out.contains("Client identity vm successfully registered")
          && po.out.contains("Client vm requires HTL on this partition (HTL name " + name + ").")
          && po.out.contains("One-time token for client " + name + " is ready to use.")
          && po.out.contains("stccm htl install -file " + name + ".ott"), po.both());
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(ott)));
      assertFalse(po.both().contains(Files.readAllLines(ott).get(3).substring(6)), "no token shown");
      assertEquals(120, host.store.htl().state(name).orElseThrow().ottExpirySeconds());

      host.connect(vm);
      assertNotEquals(0, vm.run("random", "-bytes", "4"), vm.both());
      assertTrue(vm.both().contains("-requirehtl"), vm.both());
      assertEquals(0, vm.run("htl", "install", "-file", ott.toString()), vm.both());
      assertEquals(0, vm.run("random", "-bytes", "4"), vm.both());
      Cm clone = new Cm(dir.resolve("vm-clone"));
      copy(vm.home(), clone.home());
      assertEquals(0, vm.run("random", "-bytes", "4"), vm.both());
      assertNotEquals(0, clone.run("random", "-bytes", "4"), clone.both());
      assertTrue(clone.both().contains("stale secret"), clone.both());
      assertEquals(0, vm.run("random", "-bytes", "4"), vm.both());
      assertTrue(host.store.htl().state(name).orElseThrow().cloneSuspected());
    }
  }

  private static String[] with(String[] role, String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + role.length);
    System.arraycopy(role, 0, all, args.length, role.length);
    return all;
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else if (!p.getFileName().toString().endsWith(".lock")) {
          Files.copy(p, q);
        }
      }
    }
  }
}
