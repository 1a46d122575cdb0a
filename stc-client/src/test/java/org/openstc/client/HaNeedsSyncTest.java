package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;

/** "Needs sync" as it really is, kept across processes, and the recovery modes (docs/ha.md). */
class HaNeedsSyncTest {
  private static final byte[] AAD = {};
  @TempDir Path dir;
  HaHosts hosts;
  StcClient client;
  StcClient other;

  @AfterEach
  void close() {
    for (StcClient c : new StcClient[] {client, other}) {
      if (c != null) {
        c.close();
      }
    }
    hosts.close();
  }

  /** A configured group over both hosts, its virtual slot opened by number, CO logged in. */
  private HaSlot open(HaRecoveryMode mode) throws Exception {
    hosts = new HaHosts(dir, 2);
    HaConfig config = HaConfig.load(hosts.clientHome);
    config.create("myHA", hosts.serials.get(0));
    config.addMember("myHA", hosts.serials.get(1), false);
    config.recoveryMode(mode);
    client = StcClient.open(hosts.clientHome, null);
    other = StcClient.open(hosts.clientHome, null); // as another process would: only the file is shared
    int n = SlotNumbers.haSlot(hosts.clientHome, "myHA", Duration.ofSeconds(5)).orElseThrow();
    HaSlot slot = (HaSlot) client.openSlot(n);
    slot.login(Role.CO, HaHosts.CO_PIN);
    return slot;
  }

  private List<Long> recorded() throws Exception {
    return HaConfig.load(hosts.clientHome).group("myHA").orElseThrow().needsSync();
  }

  /** What {@code listgroups -password} sees from another process (members changed by nothing). */
  private boolean inspected() throws Exception {
    try (HaGroup g = HaGroups.inspect(other, HaConfig.load(hosts.clientHome).group("myHA").orElseThrow(),
        Role.CO, HaHosts.CO_PIN)) {
      return g.needsSync();
    }
  }

  private List<String> labelsOn(int host) throws Exception {
    return hosts.stores.get(host).objects().list(hosts.serials.get(host)).stream()
        .map(ObjectBodies.Entry::label).sorted().toList();
  }

  @Test
  void aMemberAwayDuringAKeyChangeNeedsSyncUntilItIsSynchronised() throws Exception {
    HaSlot g = open(HaRecoveryMode.ACTIVE_ENHANCED);
    g.generate(ObjectType.AES256, "before");
    assertFalse(g.group().needsSync());
    assertFalse(inspected(), "both members hold the group's objects");
    hosts.kill(1);
    g.random(8);
    g.random(8); // round-robin reaches member 1: it is dropped
    assertFalse(g.group().needsSync(), "away, but nothing changed yet");
    long k = g.generate(ObjectType.ED25519, "meanwhile");
    assertTrue(g.group().needsSync());
    assertTrue(g.group().members().get(1).needsSync());
    assertEquals(List.of(hosts.serials.get(1)), recorded(), "kept for listgroups in other processes");
    assertTrue(inspected(), "member 1 is still away: the record says it");
    hosts.restart(1);
    assertTrue(inspected(), "member 1 is back without the new key");
    assertEquals(List.of("before"), labelsOn(1), "inspecting changed nothing");
    assertEquals(1, g.group().recoverNow());
    assertFalse(g.group().needsSync());
    assertEquals(List.of(), recorded());
    assertEquals(List.of("before", "meanwhile"), labelsOn(1));
    assertFalse(inspected());
    assertTrue(g.verify(k, new byte[] {1}, g.sign(k, new byte[] {1})));
  }

  @Test
  void activeBasicEndsTheLoginWhenEveryMemberIsLost() throws Exception {
    HaSlot g = open(HaRecoveryMode.ACTIVE_BASIC);
    long k = g.generate(ObjectType.AES256, "k");
    hosts.kill(0);
    hosts.kill(1);
    assertThrows(StcClientException.class, () -> g.encrypt(k, new byte[] {1}, AAD));
    hosts.restart(0);
    hosts.restart(1);
    assertEquals(0, g.group().recoverNow(), "nothing to log in with");
    StcClientException e = assertThrows(StcClientException.class, () -> g.encrypt(k, new byte[] {1}, AAD));
    assertEquals(CkResult.CKR_USER_NOT_LOGGED_IN, ((CkException) e.getCause()).result(), e.getMessage());
    g.login(Role.CO, HaHosts.CO_PIN);
    assertArrayEquals(new byte[] {2}, g.decrypt(k, g.encrypt(k, new byte[] {2}, AAD), AAD));
  }

  @Test
  void activeEnhancedKeepsTheLoginAndResumes() throws Exception {
    HaSlot g = open(HaRecoveryMode.ACTIVE_ENHANCED);
    long k = g.generate(ObjectType.AES256, "k");
    hosts.kill(0);
    hosts.kill(1);
    StcClientException e = assertThrows(StcClientException.class, () -> g.encrypt(k, new byte[] {1}, AAD));
    assertEquals(StcClientException.Kind.SERVER_DOWN, e.kind());
    hosts.restart(1);
    assertEquals(1, g.group().recoverNow());
    assertArrayEquals(new byte[] {3}, g.decrypt(k, g.encrypt(k, new byte[] {3}, AAD), AAD));
  }
}
