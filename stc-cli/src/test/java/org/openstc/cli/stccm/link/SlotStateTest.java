package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One model of a slot (issue 21): {@code stc enable}, {@code slot list}, {@code slot set} and
 * {@code stc status} agree on a slot's link and label; a deregistered partition's slot goes away
 * at once; every client shows the label the partition reports, not the one it registered.
 */
class SlotStateTest {
  @TempDir Path dir;

  @Test
  void enableShowsTheSameLinkInItsLinesAndInItsSlotTable() throws Exception {
    try (LinkFixture host = new LinkFixture(dir)) {
      Cm cm = connected(host);
      assertTrue(cm.out.contains("slot 0 (link up)"), cm.both());
      assertFalse(cm.out.contains("not connected"), cm.both());
      assertTrue(cm.out.matches("(?s).*\\* 0 +" + host.serial() + " +par1 .* up\\R.*"), cm.both());
    }
  }

  @Test
  void aSlotThatCannotBeReachedIsShownDownWithTheReasonEverywhereInEnable() throws Exception {
    try (LinkFixture host = new LinkFixture(dir)) {
      Cm cm = host.newClient("client1"); // not registered on the host: the handshake is refused
      assertEquals(0, cm.run("stc", "partitionregister", "-file", host.pid().toString()), cm.both());
      assertEquals(0, cm.run("clientconfig", "addserver", "-n", "127.0.0.1:" + host.host.port()),
          cm.both());
      cm.run("stc", "enable", "-id", "0");
      assertFalse(cm.out.contains("link up") || cm.out.contains("not connected"), cm.both());
      assertEquals(2, cm.out.split("down: ", -1).length - 1, "the line and the table: " + cm.both());
    }
  }

  @Test
  void aDeregisteredPartitionLeavesTheSlotListAndIsNoLongerCurrent() throws Exception {
    try (LinkFixture host = new LinkFixture(dir)) {
      Cm cm = connected(host);
      String serial = String.valueOf(host.serial());
      assertEquals(27, cm.shell("slot set -slot 0", "stc status", "stc partitionderegister -serial "
          + serial, "slot list", "stc status"), cm.both());
      String removed = "Slot 0 (partition " + serial + ") removed.";
      assertTrue(cm.out.contains(removed), cm.both());
      String afterDeregister = cm.out.substring(cm.out.indexOf(removed));
      assertTrue(afterDeregister.contains("No slots."), cm.both());
      assertTrue(cm.err.contains("there are no slots"), cm.both());
      assertFalse(Files.exists(cm.home().resolve(CurrentSlot.FILE)), "current_slot still names it");
      assertEquals(0, cm.run("slot", "list"), cm.both());
      assertTrue(cm.out.contains("No slots."), cm.both());
    }
  }

  @Test
  void everyClientShowsTheLabelThePartitionReports() throws Exception {
    try (LinkFixture host = new LinkFixture(dir)) {
      Cm first = host.initializedClient("first"); // partition init -label shared
      Cm second = host.newClient("second");
      host.bootstrap(second, "second");
      assertEquals(0, second.run("stc", "partitionregister", "-file", host.pid().toString(),
          "-label", "my-own-name"), second.both());
      assertEquals(0, second.run("clientconfig", "addserver", "-n", "127.0.0.1:" + host.host.port()),
          second.both());
      assertEquals(0, second.run("stc", "enable", "-id", "0"), second.both());
      for (Cm cm : new Cm[] {first, second}) {
        assertEquals(0, cm.run("slot", "list", "-json"), cm.both());
        JsonArray slots = JsonParser.parseString(cm.out).getAsJsonObject().getAsJsonArray("slots");
        assertEquals("shared", slots.get(0).getAsJsonObject().get("label").getAsString(), cm.both());
        assertEquals(0, cm.run("stc", "status", "-json"), cm.both());
        assertEquals("shared", JsonParser.parseString(cm.out).getAsJsonObject().get("label")
            .getAsString(), cm.both());
      }
      assertEquals(0, second.run("slot", "set", "-slot", "0"), second.both());
      assertTrue(second.out.contains("(partition " + host.serial() + ", shared, link not connected)"),
          second.both());
    }
  }

  /** A client registered on the host, its partition registered and its server STC-enabled. */
  private static Cm connected(LinkFixture host) throws Exception {
    Cm cm = host.newClient("client1");
    host.bootstrap(cm, "client1");
    host.connect(cm);
    return cm;
  }
}
