package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;

/** The HA virtual slot as a {@link Slot}: numbering, login, refusals, key import, every method covered. */
class HaSlotTest {
  @TempDir Path dir;
  HaHosts hosts;
  StcClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    if (hosts != null) {
      hosts.close();
    }
  }

  private int group(String label) throws Exception {
    HaConfig config = HaConfig.load(hosts.clientHome);
    config.create(label, hosts.serials.get(0));
    for (long s : hosts.serials.subList(1, hosts.serials.size())) {
      config.addMember(label, s, false);
    }
    client = StcClient.open(hosts.clientHome, null);
    return SlotNumbers.haSlot(hosts.clientHome, label, Duration.ofSeconds(5)).orElseThrow();
  }

  private static CkResult ckr(StcClientException e) {
    return ((CkException) e.getCause()).result();
  }

  @Test
  void everySlotMethodIsTheGroups() {
    Set<String> fromEntry = Set.of("number", "serial");
    for (Method m : Slot.class.getDeclaredMethods()) {
      if (Modifier.isPublic(m.getModifiers()) && !fromEntry.contains(m.getName())) {
        assertTrue(Arrays.stream(HaSlot.class.getDeclaredMethods()).anyMatch(h -> h.getName().equals(m.getName())
            && Arrays.equals(h.getParameterTypes(), m.getParameterTypes())), "HaSlot overrides " + m);
      }
    }
  }

  @Test
  void theVirtualSlotFollowsThePhysicalOnesAndLogsInOnEveryMember() throws Exception {
    hosts = new HaHosts(dir, 2);
    int n = group("myHA");
    assertEquals(2, n, "slots 0 and 1 are the members");
    try (Slot slot = client.openSlot(n)) {
      assertTrue(slot instanceof HaSlot);
      assertEquals(Long.parseLong("1" + hosts.serials.get(0)), slot.serial());
      assertEquals("myHA", slot.info().label());
      StcClientException before = assertThrows(StcClientException.class, () -> slot.random(8));
      assertEquals(CkResult.CKR_USER_NOT_LOGGED_IN, ckr(before));
      StcClientException wrong = assertThrows(StcClientException.class,
          () -> slot.login(Role.CO, "wrong-pin-01".toCharArray()));
      assertEquals(CkResult.CKR_PIN_INCORRECT, ckr(wrong));
      slot.login(Role.CO, HaHosts.CO_PIN);
      assertEquals(List.of("alive", "alive"),
          ((HaSlot) slot).group().members().stream().map(HaGroup.MemberStatus::status).toList());
      byte[] key = new byte[32];
      Arrays.fill(key, (byte) 3);
      long aes = slot.importAesKey("imported", key);
      byte[] iv = new byte[12];
      byte[] ct = slot.encryptGcm(aes, iv, new byte[] {1, 2}, new byte[0], 16);
      for (int i = 0; i < 4; i++) { // round-robin: both members hold the same key
        assertArrayEquals(new byte[] {1, 2}, slot.decryptGcm(aes, iv, ct, new byte[0], 16));
      }
      long generated = slot.generate(ObjectType.AES256, "generated");
      byte[] gct = slot.encryptGcm(generated, iv, new byte[] {4}, new byte[0], 16);
      for (int i = 0; i < 4; i++) { // a generated key cloned by export and wrapped import: the same raw key
        assertArrayEquals(new byte[] {4}, slot.decryptGcm(generated, iv, gct, new byte[0], 16));
      }
      long ec = slot.generate(ObjectType.EC_P256, "ec");
      assertEquals(ObjectType.EC_P256, slot.objectInfo(ec).type());
      assertEquals(64, slot.signDigest(ec, new byte[32]).length);
      assertEquals(List.of("ec", "generated", "imported"), slot.objects().stream().map(ObjectBodies.Entry::label).sorted().toList());
      StcClientException admin = assertThrows(StcClientException.class, () -> slot.initPin(Role.CU, "x".toCharArray()));
      assertEquals(CkResult.CKR_FUNCTION_NOT_SUPPORTED, ckr(admin));
      assertTrue(admin.getMessage().contains("HA virtual slot"), admin.getMessage());
      StcClientException unknown = assertThrows(StcClientException.class, () -> slot.sign(999, new byte[1]));
      assertEquals(CkResult.CKR_OBJECT_HANDLE_INVALID, ckr(unknown));
      slot.logout();
      assertEquals(CkResult.CKR_USER_NOT_LOGGED_IN,
          ckr(assertThrows(StcClientException.class, () -> slot.encryptGcm(aes, iv, new byte[1], new byte[0], 16))));
      slot.login(Role.CO, HaHosts.CO_PIN);
      assertArrayEquals(new byte[] {1, 2}, slot.decryptGcm(aes, iv, ct, new byte[0], 16), "handles survive a new login");
    }
  }

  @Test
  void haOnlyHidesTheMembersFromApplicationsWithoutRenumbering() throws Exception {
    hosts = new HaHosts(dir, 3);
    HaConfig config = HaConfig.load(hosts.clientHome);
    config.create("myHA", hosts.serials.get(0));
    config.addMember("myHA", hosts.serials.get(1), false);
    Duration t = Duration.ofSeconds(5);
    assertEquals(List.of(0, 1, 2, 3), SlotNumbers.applicationSlots(hosts.clientHome, t).stream()
        .map(SlotNumbers.AppSlot::slot).toList());
    config.haOnly(true);
    List<SlotNumbers.AppSlot> slots = SlotNumbers.applicationSlots(hosts.clientHome, t);
    assertEquals(List.of(2, 3), slots.stream().map(SlotNumbers.AppSlot::slot).toList());
    assertFalse(slots.get(0).virtual());
    assertEquals("myHA", slots.get(1).group().label());
    assertTrue(SlotNumbers.hidden(hosts.clientHome, hosts.serials.get(0)));
    assertFalse(SlotNumbers.hidden(hosts.clientHome, hosts.serials.get(2)));
  }

  @Test
  void withSynchronizationOffAReturningMemberGetsNothingAndServesWhatItHolds() throws Exception {
    hosts = new HaHosts(dir, 2);
    int n = group("myHA");
    HaConfig.load(hosts.clientHome).synchronize("myHA", false);
    try (HaSlot slot = (HaSlot) client.openSlot(n)) {
      slot.login(Role.CO, HaHosts.CO_PIN);
      long old = slot.generate(ObjectType.AES256, "old");
      hosts.kill(1);
      long fresh = slot.generate(ObjectType.AES256, "fresh"); // member 1 found gone here
      hosts.restart(1);
      assertEquals(1, slot.group().recoverNow());
      assertEquals(List.of("old"), hosts.stores.get(1).objects().list(hosts.serials.get(1)).stream()
          .map(ObjectBodies.Entry::label).toList(), "nothing cloned with synchronization off");
      for (int i = 0; i < 4; i++) { // "fresh" only on member 0; "old" on both, round-robin
        assertArrayEquals(new byte[] {1}, slot.decrypt(fresh, slot.encrypt(fresh, new byte[] {1}, new byte[0]), new byte[0]));
        assertArrayEquals(new byte[] {2}, slot.decrypt(old, slot.encrypt(old, new byte[] {2}, new byte[0]), new byte[0]));
      }
      assertEquals(List.of("alive", "alive"), slot.group().members().stream().map(HaGroup.MemberStatus::status).toList());
      hosts.kill(0);
      StcClientException e = assertThrows(StcClientException.class, () -> slot.encrypt(fresh, new byte[1], new byte[0]));
      assertTrue(e.getMessage().contains("synchronization is disabled"), e.getMessage());
    }
  }
}
