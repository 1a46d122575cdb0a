package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server list and the slot mapping in servers.json, without a host or a CLI. */
class ClientConfigTest {
  @TempDir Path home;

  @Test
  void serversGetIncreasingIdsAndADuplicateAddressIsRefused() throws Exception {
    ClientConfig c = ClientConfig.load(home);
    assertEquals(List.of(), c.servers());
    ServerEntry a = c.addServer("hsm1.example", 5656, "lab");
    ServerEntry b = c.addServer("::1", 7000, null);
    assertEquals(0, a.id());
    assertEquals(1, b.id());
    assertEquals("::1", b.label());
    assertEquals("[::1]:7000", b.address());
    StcClientException e = assertThrows(StcClientException.class,
        () -> c.addServer("HSM1.example", 5656, null));
    assertEquals(StcClientException.Kind.CONFIG, e.kind());
    assertTrue(e.getMessage().contains("already registered as server 0"), e.getMessage());
    c.deleteServer(0);
    assertEquals(2, c.addServer("hsm2.example", 5656, null).id(), "ids are not reused");
    assertEquals(StcClientException.Kind.CONFIG,
        assertThrows(StcClientException.class, () -> c.requireServer(0)).kind());
  }

  @Test
  void slotsKeepTheirNumberAndFollowTheirServer() throws Exception {
    ClientConfig c = ClientConfig.load(home);
    int s0 = c.addServer("a", 1, null).id();
    int s1 = c.addServer("b", 2, null).id();
    assertEquals(0, c.assignSlot(100, s0).slot());
    assertEquals(1, c.assignSlot(200, s0).slot());
    assertEquals(new SlotEntry(0, 100, s0), c.assignSlot(100, s0), "assigning again is a no-op");
    assertEquals(new SlotEntry(1, 200, s1), c.assignSlot(200, s1), "a moved partition keeps its slot");
    assertEquals(2, c.assignSlot(300, s1).slot());
    c.setStcEnabled(s1, true);
    c.setStcEnabled(s1, false);
    assertEquals(List.of(new SlotEntry(0, 100, s0)), c.slots(), "disabling drops the server's slots");
    assertEquals(1, c.assignSlot(400, s1).slot(), "the next slot follows the highest one left");
    c.dropSlot(100);
    assertTrue(c.slotForSerial(100).isEmpty());
    c.deleteServer(s1);
    assertEquals(List.of(), c.slots());
  }

  @Test
  void changesAreStoredOwnerOnlyAndReadBack() throws Exception {
    ClientConfig c = ClientConfig.load(home);
    int id = c.addServer("a", 1, "first").id();
    c.setStcEnabled(id, true);
    c.assignSlot(77, id);
    ClientConfig again = ClientConfig.load(home);
    assertEquals(List.of(new ServerEntry(id, "a", 1, "first", true)), again.servers());
    assertEquals(new SlotEntry(0, 77, id), again.slot(0).orElseThrow());
    Path file = home.resolve(ClientConfig.FILE);
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file));
    assertFalse(Files.exists(home.resolve(ClientConfig.FILE + ".tmp")));
  }

  @Test
  void anUnreadableFileIsAConfigurationError() throws Exception {
    for (String text : List.of("not json", "{\"version\": 2, \"servers\": [], \"slots\": []}",
        "{\"version\": 1, \"servers\": null}", "")) {
      Files.writeString(home.resolve(ClientConfig.FILE), text);
      StcClientException e = assertThrows(StcClientException.class, () -> ClientConfig.load(home));
      assertEquals(StcClientException.Kind.CONFIG, e.kind(), text);
      assertTrue(e.getMessage().contains(ClientConfig.FILE), e.getMessage());
    }
  }
}
