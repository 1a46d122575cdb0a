package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;

/**
 * {@code stcsh hsm backup} while {@code stcsh service start} serves a client running commands;
 * {@code hsm restore} is refused while the service runs and for a damaged file (nothing changed),
 * and restores the backup into a fresh home that lists the same partitions and clients.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BackupIT {
  @TempDir Path dir;

  @Test
  void backupUnderLoadRestoresIntoAFreshHome() throws Exception {
    Path file = dir.resolve("host.bak");
    Path password = dir.resolve("password");
    Files.writeString(password, "backup-password-1\n");
    Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions
        .fromString("rw-------"));
    Path fresh = dir.resolve("fresh");
    try (LiveHost host = LiveHost.start(dir);
        StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
      client.enableServer(client.config().addServer("127.0.0.1", host.port(), null).id());
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger calls = new AtomicInteger();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      Thread load = new Thread(() -> {
        try (Slot slot = client.openSlot(0)) {
          while (!stop.get()) {
            assertArrayEquals(new byte[] {7}, slot.echo(new byte[] {7}));
            calls.incrementAndGet();
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      load.start();
      try {
        String out = host.stcsh("hsm", "backup", "-file", file.toString(), "-password-file",
            password.toString());
        assertTrue(out.contains("Backup written to " + file + ": 1 partitions, 0 objects, "
            + "1 registrations"), out);
      } finally {
        stop.set(true);
        load.join();
      }
      assertEquals(List.of(), failures);
      assertTrue(calls.get() > 0);

      LiveHost.Run busy = host.run("hsm", "restore", "-file", file.toString(), "-password-file",
          password.toString(), "-force");
      assertEquals(ExitCode.BUSY.code(), busy.status(), busy.out());
      assertTrue(busy.out().contains("stop it (service stop) before a restore"), busy.out());

      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 1;
      Path damaged = dir.resolve("damaged.bak");
      Files.write(damaged, bytes);
      LiveHost.Run refused = host.run("hsm", "restore", "-home", fresh.toString(), "-file",
          damaged.toString(), "-password-file", password.toString(), "-force");
      assertEquals(ExitCode.INVALID_FILE.code(), refused.status(), refused.out());
      assertTrue(refused.out().contains("the file is damaged")
          && refused.out().contains("nothing was changed"), refused.out());
      assertTrue(!Files.exists(fresh.resolve("store")), "nothing restored");

      String restored = host.stcsh("hsm", "restore", "-home", fresh.toString(), "-file",
          file.toString(), "-password-file", password.toString(), "-force");
      assertTrue(restored.contains("Restored " + file + " into " + fresh), restored);
      assertEquals(host.stcsh("partition", "list"),
          host.stcsh("partition", "list", "-home", fresh.toString()));
      assertEquals(host.stcsh("client", "list", "-partition", "par1"),
          host.stcsh("client", "list", "-partition", "par1", "-home", fresh.toString()));
    }
  }
}
