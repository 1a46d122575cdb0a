package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Terminal;
import org.openstc.cli.stcsh.StcSh;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.SettingChanges;

/**
 * stcconfig partitionidshow from the client side, and the STC settings the Partition SO changes
 * with stcconfig being the ones the host administrator sees and changes with stcsh stc.
 */
class PartitionIdAndSharedSettingsTest {
  private static final String[] PO = {"-role", "po", "-password", LinkFixture.SO_PIN};

  @TempDir Path dir;

  private static String[] as(String... args) {
    String[] all = new String[args.length + PO.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(PO, 0, all, args.length, PO.length);
    return all;
  }

  @Test
  void partitionIdShowReportsThePartitionsIdentityBesideTheRegisteredPid() throws Exception {
    try (LinkFixture host = new LinkFixture(dir)) {
      Cm cm = host.initializedClient("client1");
      String hash = org.openstc.identity.IdentityFile.read(host.pid()).fingerprint();
      assertEquals(0, cm.run(as("stcconfig", "partitionidshow")), cm.both());
      assertTrue(cm.out.contains("serial " + host.serial()), cm.both());
      assertEquals(2, cm.out.split(hash, -1).length - 1, "reported and registered hash: " + cm.both());
      assertTrue(cm.out.contains("The hashes match."), cm.both());
      assertEquals(0, cm.run(as("stcc", "partitionids", "-json")), cm.both());
      JsonObject v = JsonParser.parseString(cm.out).getAsJsonObject();
      assertEquals(String.valueOf(host.serial()), v.get("serial").getAsString());
      assertEquals(hash, v.get("fingerprint").getAsString());
      assertEquals(hash, v.get("registeredFingerprint").getAsString());
      assertTrue(v.get("match").getAsBoolean());
      assertEquals(0, v.get("slot").getAsInt()); // the first enabled slot
    }
  }

  @Test
  void stcconfigAndStcshChangeTheSameStoredSettingsAndBothAreAudited() throws Exception {
    long serial;
    try (LinkFixture host = new LinkFixture(dir)) {
      serial = host.serial();
      Cm cm = host.initializedClient("client1");
      assertEquals(0, cm.run(as("stcconfig", "replaywindowset", "-size", "500")), cm.both());
      assertEquals(26, cm.run(as("stcconfig", "replaywindowset", "-size", "1001")), cm.both());
      assertTrue(cm.err.contains("100..1000"), cm.both());
    }
    Path hostHome = dir.resolve("host");
    String out = stcsh(hostHome, "stc", "replaywindow", "show", "-partition", "par1");
    assertTrue(out.contains("The current replay window size for partition par1 is 500 commands."), out);
    stcsh(hostHome, "stc", "replaywindow", "set", "-partition", "par1", "-value", "700");
    try (HostStore store = HostStore.open(hostHome, new PinHasher(64, 1))) {
      assertEquals(700, store.policy(serial).replayWindow());
    }
    List<String> audit = Files.readAllLines(hostHome.resolve(SettingChanges.AUDIT_FILE));
    assertEquals(2, audit.size(), audit::toString);
    assertTrue(audit.get(0).contains("REPLAY_WINDOW of partition par1") && audit.get(0).contains("from 120 to 500 by client client1"),
        audit.get(0));
    assertTrue(audit.get(1).contains("from 500 to 700 by stcsh user"), audit.get(1));
  }

  private static String stcsh(Path home, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    PrintWriter po = new PrintWriter(o, true);
    CliContext ctx = new CliContext(po, new PrintWriter(e, true), Terminal.of(
        new java.io.ByteArrayInputStream(new byte[0]), po), Map.of("STC_HOST_HOME", home.toString()));
    assertEquals(0, StcSh.run(ctx, args), () -> o + "\n" + e);
    return o.toString();
  }
}
