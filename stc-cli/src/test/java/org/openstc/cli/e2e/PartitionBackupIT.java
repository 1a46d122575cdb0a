package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * {@code stcsh partition backup} while the service runs and a client used the partition's key;
 * the key is destroyed; with the service stopped a tampered, truncated or wrong-password file and
 * another host without {@code -foreign} are refused and change nothing; the restore brings the key
 * back, and after a restart the same client decrypts what it encrypted before the backup.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PartitionBackupIT {
  private static final char[] PO = "po-pin-0001".toCharArray();
  private static final char[] CO = "co-pin-0001".toCharArray();
  private static final byte[] PLAIN = "kept across a restore".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;

  @Test
  void aDestroyedKeyComesBackFromThePartitionBackup() throws Exception {
    Path file = dir.resolve("par1.bak");
    Path password = secret("backup-password", "partition-backup-1");
    String so = LiveHost.soPasswordFile(dir).toString();
    try (LiveHost host = LiveHost.start(dir);
        StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
      client.enableServer(client.config().addServer("127.0.0.1", host.port(), null).id());
      long handle;
      byte[] sealed;
      try (Slot slot = client.openSlot(0)) {
        slot.initialize("par1", PO);
        slot.login(Role.PO, PO);
        slot.initPin(Role.CO, CO);
        slot.logout();
        slot.login(Role.CO, CO);
        handle = slot.generate(ObjectType.AES256, "kept");
        sealed = slot.encrypt(handle, PLAIN, new byte[0]);
        // the backup key costs what the host's passwords cost (hsm init -kdf-*, LiveHost)
        LiveHost.Run backup = host.stcshWith("", Map.of(), "partition", "backup", "-partition",
            "par1", "-file", file.toString(), "-backup-password-file", password.toString(),
            "-password-file", so);
        assertEquals(0, backup.status(), backup.out());
        assertTrue(backup.out().contains("1 objects, 1 registrations"), backup.out());
        slot.destroy(handle);
        assertThrows(StcClientException.class, () -> slot.decrypt(handle, sealed, new byte[0]));
      }
      String[] restore = {"partition", "restore", "-partition", "par1", "-file", file.toString(),
          "-backup-password-file", password.toString(), "-password-file", so, "-force"};
      refused(host, ExitCode.BUSY, "stop it (service stop) before a restore", restore);
      host.close();

      byte[] good = Files.readAllBytes(file);
      byte[] flipped = good.clone();
      flipped[good.length / 2] ^= 1;
      Files.write(file, flipped);
      refused(host, ExitCode.INVALID_FILE, "the file is damaged", restore);
      Files.write(file, Arrays.copyOf(good, good.length - 7));
      refused(host, ExitCode.INVALID_FILE, "truncated", restore);
      Files.write(file, good);
      String[] wrong = restore.clone();
      wrong[7] = secret("wrong", "not-the-password").toString();
      refused(host, ExitCode.INVALID_FILE, "wrong backup password", wrong);
      assertTrue(host.stcsh("partition", "list").contains("par1"), "the partition is still there");

      Map<String, String> other = Map.of("STC_HOST_HOME", dir.resolve("other").toString());
      assertEquals(0, host.stcshWith("", other, CheapKdf.with("hsm", "init", "-label", "other",
          "-password-file", so)).status());
      LiveHost.Run foreign = host.stcshWith("", other, restore);
      assertEquals(ExitCode.NOT_PERMITTED.code(), foreign.status(), foreign.out());
      assertTrue(foreign.out().contains("give -foreign"), foreign.out());
      assertTrue(host.stcshWith("", other, "partition", "list").out().contains("0 partition(s)."));

      String restored = host.stcsh(restore);
      assertTrue(restored.contains("Restored partition par1 from " + file), restored);
      host.restart(); // on the same port
      try (Slot slot = client.openSlot(0)) {
        slot.login(Role.CO, CO);
        assertArrayEquals(PLAIN, slot.decrypt(handle, sealed, new byte[0]));
      }
    }
  }

  private static void refused(LiveHost host, ExitCode code, String message, String... args)
      throws Exception {
    LiveHost.Run run = host.run(args);
    assertEquals(code.code(), run.status(), run.out());
    assertTrue(run.out().contains(message) && run.out().contains("nothing was changed"),
        run.out());
  }

  private Path secret(String name, String value) throws Exception {
    Path f = dir.resolve(name);
    OwnerOnlyFiles.write(f, (value + "\n").getBytes(StandardCharsets.UTF_8));
    return f;
  }
}
