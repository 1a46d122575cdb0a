package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.command.CkResult.CKR_ARGUMENTS_BAD;
import static org.openstc.command.CkResult.CKR_ATTRIBUTE_VALUE_INVALID;
import static org.openstc.command.CkResult.CKR_USER_NOT_LOGGED_IN;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.ClientBodies;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.Opcode;
import org.openstc.command.Page;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.command.StcSettings;
import org.openstc.command.StcSettings.Setting;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.store.HostStoreListener;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.PeerRegistry.RegisteredPeer;

class ConfigCommandsTest {
  @TempDir
  Path home;
  Fixture f;
  Session po;

  @BeforeEach
  void setUp() throws Exception {
    f = Fixture.create(home, 100_000);
    f.initialized();
    po = f.loggedIn(Role.PO);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static PeerIdentity newIdentity(KeyType type) throws Exception {
    return InMemoryStaticKey.generate(type, CryptoProviders.jca()).identity();
  }

  @Test
  void registerListDeregisterWithLiveEffect() throws Exception {
    List<RegisteredPeer> gone = new ArrayList<>();
    f.store.addListener(new HostStoreListener() {
      @Override
      public void clientDeregistered(long serial, RegisteredPeer peer) {
        gone.add(peer);
      }
    });
    PeerIdentity id = newIdentity(KeyType.X25519);
    f.ok(po, Requests.clientRegister(f.id(), new ClientBodies.Register("client2", id, id.fingerprint().toUpperCase())));
    List<ClientBodies.Entry> list = ClientBodies.decodeList(f.ok(po, Requests.clientList(f.id())));
    assertEquals(List.of("client1", "client2"), list.stream().map(ClientBodies.Entry::label).toList());
    assertEquals(id.fingerprint(), list.get(1).fingerprint());
    assertTrue(f.store.peerRegistry(f.serial).find(id).isPresent());
    f.ok(po, Requests.clientDeregister(f.id(), "client2"));
    assertFalse(f.store.peerRegistry(f.serial).find(id).isPresent());
    assertEquals(List.of(new RegisteredPeer("client2", id)), gone);
    f.expect(CKR_ARGUMENTS_BAD, po, Requests.clientDeregister(f.id(), "client2"));
  }

  @Test
  void registerRefusesAKeyTypeOtherThanThePartitionsAndStoresNothing() throws Exception {
    long free = f.store.partitions().bySerial(f.serial).freeBytes();
    for (KeyType other : List.of(KeyType.P256, KeyType.P521)) {
      PeerIdentity id = newIdentity(other);
      CommandResponse r = f.expect(CkResult.CKR_KEY_TYPE_INCONSISTENT, po,
          Requests.clientRegister(f.id(), new ClientBodies.Register("client2", id, "")));
      String message = r.message();
      assertTrue(message.contains(other.label()) && message.contains("x25519"), message);
      assertFalse(f.store.peerRegistry(f.serial).find(id).isPresent());
    }
    assertEquals(free, f.store.partitions().bySerial(f.serial).freeBytes());
    assertEquals(List.of("client1"), f.store.registrations().list(f.serial).stream()
        .map(ClientBodies.Entry::label).toList());
  }

  @Test
  void aClientRemovesItsOwnRegistrationWithoutALogin() throws Exception {
    List<RegisteredPeer> gone = new ArrayList<>();
    f.store.addListener(new HostStoreListener() {
      @Override
      public void clientDeregistered(long serial, RegisteredPeer peer) {
        gone.add(peer);
      }
    });
    Session anyone = f.session();
    f.expect(CKR_ARGUMENTS_BAD, anyone, new CommandRequest(f.id(),
        Opcode.CLIENT_DEREGISTER_SELF.code(), new byte[] {0}));
    long used = f.store.partitions().bySerial(f.serial).usedBytes();
    f.ok(anyone, Requests.clientDeregisterSelf(f.id()));
    assertFalse(f.store.peerRegistry(f.serial).find(f.client.identity()).isPresent());
    assertEquals(List.of(f.client), gone, "the host closes the client's channels");
    assertEquals(used - 2392, f.store.partitions().bySerial(f.serial).usedBytes());
    f.expect(CKR_ARGUMENTS_BAD, anyone, Requests.clientDeregisterSelf(f.id()));
  }

  @Test
  void clientListIsPagedSoEveryResponseFitsOneRecord() throws Exception {
    f.store.partitions().resize("part1", 2000L * 2392);
    for (int i = 0; i < 1999; i++) {
      f.store.registrations().register(f.serial, "client-with-a-long-label-" + i, newIdentity(KeyType.X25519));
    }
    List<String> labels = new ArrayList<>();
    int pages = 0;
    Page<ClientBodies.Entry> page;
    do {
      byte[] body = f.ok(po, Requests.clientList(f.id(), labels.size()));
      assertTrue(body.length <= CommandRequest.MAX_BODY);
      page = ClientBodies.decodePage(body);
      labels.addAll(page.entries().stream().map(ClientBodies.Entry::label).toList());
      pages++;
    } while (page.hasMore(labels.size() - page.entries().size()));
    assertEquals(2000, page.total());
    assertEquals(2000, new java.util.HashSet<>(labels).size());
    assertTrue(pages > 1, "pages: " + pages);
    assertEquals(0, ClientBodies.decodePage(f.ok(po, Requests.clientList(f.id(), 5000))).entries().size());
  }

  @Test
  void registrationRefusals() throws Exception {
    PeerIdentity id = newIdentity(KeyType.X25519);
    String fp = id.fingerprint();
    String wrong = (fp.startsWith("00") ? "11" : "00") + fp.substring(2); // differs, always
    CommandResponse r = f.expect(CKR_ARGUMENTS_BAD, po, Requests.clientRegister(f.id(),
        new ClientBodies.Register("client2", id, wrong)));
    assertTrue(r.message().contains("fingerprint mismatch"), r.message());
    f.expect(CKR_ATTRIBUTE_VALUE_INVALID, po, Requests.clientRegister(f.id(), new ClientBodies.Register("client1", id, "")));
    f.expect(CKR_ATTRIBUTE_VALUE_INVALID, po, Requests.clientRegister(f.id(), new ClientBodies.Register("again", f.client.identity(), "")));
    f.expect(CKR_ARGUMENTS_BAD, po, Requests.clientRegister(f.id(), new ClientBodies.Register("bad label", id, "")));
    f.expect(CKR_USER_NOT_LOGGED_IN, f.loggedIn(Role.CO), Requests.clientRegister(f.id(), new ClientBodies.Register("c3", id, "")));
    f.expect(CKR_USER_NOT_LOGGED_IN, f.session(), Requests.clientList(f.id()));
    assertEquals(1, ClientBodies.decodeList(f.ok(po, Requests.clientList(f.id()))).size());
  }

  @Test
  void partitionIdentityExportIsTheRegisteredPidFile() throws Exception {
    String text = new String(f.ok(po, Requests.partitionIdExport(f.id())), StandardCharsets.US_ASCII);
    IdentityFile pid = IdentityFile.parse(text);
    assertEquals(f.serial, pid.serial());
    assertEquals(f.store.identityKey(f.serial).identity(), pid.identity());
    f.expect(CKR_USER_NOT_LOGGED_IN, f.loggedIn(Role.CU), Requests.partitionIdExport(f.id()));
  }

  @Test
  void settingsShowAndSetWithinLunaRanges() throws Exception {
    assertEquals(ChannelPolicy.DEFAULT_REPLAY_WINDOW,
        StcSettings.decode(f.ok(po, Requests.settingsShow(f.id()))).replayWindow());
    set(Setting.ACTIVATION_TIMEOUT, 120);
    set(Setting.REPLAY_WINDOW, 1000);
    set(Setting.REKEY_THRESHOLD, 0);
    set(Setting.MAX_SESSIONS, 8);
    set(Setting.INTEGRITY_ONLY, 1);
    set(Setting.CIPHER_CHACHAPOLY, 0);
    set(Setting.HASH_SHA512, 0);
    ChannelPolicy p = f.store.policy(f.serial);
    assertEquals(120, p.activationTimeoutSeconds());
    assertEquals(1000, p.replayWindow());
    assertEquals(0, p.rekeyThresholdMillions());
    assertEquals(8, p.maxSessions());
    assertTrue(p.integrityOnly());
    assertEquals(java.util.Set.of(ChannelPolicy.Cipher.AESGCM), p.ciphers());
    assertEquals(java.util.Set.of(ChannelPolicy.Hash.SHA256), p.hashes());
    assertEquals(p.toString(), StcSettings.decode(f.ok(po, Requests.settingsShow(f.id()))).toString());
  }

  @Test
  void settingsOutOfRangeAreRefusedWithTheRange() throws Exception {
    refused(Setting.REPLAY_WINDOW, 99, "100..1000");
    refused(Setting.REPLAY_WINDOW, 1001, "100..1000");
    refused(Setting.REKEY_THRESHOLD, 4001, "0..4000");
    refused(Setting.ACTIVATION_TIMEOUT, 0, "1..600");
    refused(Setting.ACTIVATION_TIMEOUT, 601, "1..600");
    refused(Setting.MAX_SESSIONS, 0, "1..65535");
    refused(Setting.MAX_SESSIONS, 4_000_000_000L, "1..65535");
    refused(Setting.INTEGRITY_ONLY, 2, "0 (off) or 1 (on)");
    set(Setting.CIPHER_AESGCM, 0);
    refused(Setting.CIPHER_CHACHAPOLY, 0, "at least one cipher");
    set(Setting.HASH_SHA256, 0);
    refused(Setting.HASH_SHA512, 0, "at least one hash");
    f.expect(CKR_USER_NOT_LOGGED_IN, f.loggedIn(Role.CO), Requests.settingSet(f.id(), Setting.REPLAY_WINDOW, 200));
    assertEquals(ChannelPolicy.DEFAULT_REPLAY_WINDOW, f.store.policy(f.serial).replayWindow());
  }

  private void set(Setting s, long value) throws Exception {
    f.ok(po, Requests.settingSet(f.id(), s, value));
  }

  private void refused(Setting s, long value, String text) throws Exception {
    CommandResponse r = f.expect(CKR_ARGUMENTS_BAD, po, Requests.settingSet(f.id(), s, value));
    assertTrue(r.message().contains(text), r.message());
  }
}
