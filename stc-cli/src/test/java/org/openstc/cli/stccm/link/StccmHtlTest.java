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
 * moved on.
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
