package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.ClientBodies;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.command.StcSettings;
import org.openstc.command.StcSettings.Setting;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.PeerRegistry.RegisteredPeer;

/** What commands stored survives closing and reopening the host store. */
class RestartTest {
  @TempDir
  Path home;

  @Test
  void commandsResultsSurviveARestart() throws Exception {
    byte[] data = {4, 5, 6};
    PeerIdentity second = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca()).identity();
    long serial;
    RegisteredPeer client;
    byte[] ciphertext;
    byte[] signature;
    PartitionInfo before;
    try (Fixture f = Fixture.create(home, 100_000)) {
      serial = f.serial;
      client = f.client;
      f.initialized();
      Session co = f.loggedIn(Role.CO);
      long aes = ObjectBodies.decodeU32(f.ok(co, Requests.generate(f.id(), ObjectType.AES256, "aes")));
      long ec = ObjectBodies.decodeU32(f.ok(co, Requests.generate(f.id(), ObjectType.EC_P256, "ec")));
      ciphertext = f.ok(co, Requests.encrypt(f.id(), aes, data, new byte[0]));
      signature = f.ok(co, Requests.sign(f.id(), ec, data));
      Session po = f.loggedIn(Role.PO);
      f.ok(po, Requests.clientRegister(f.id(), new ClientBodies.Register("second", second, "")));
      f.ok(po, Requests.settingSet(f.id(), Setting.REKEY_THRESHOLD, 1234));
      before = PartitionInfo.decode(f.ok(po, Requests.partitionInfo(f.id())));
    }
    try (Fixture f = Fixture.reopen(home, serial, client)) {
      Session cu = f.loggedIn(Role.CU);
      assertEquals(before, PartitionInfo.decode(f.ok(cu, Requests.partitionInfo(f.id()))));
      List<ObjectBodies.Entry> objects = ObjectBodies.decodeList(f.ok(cu, Requests.listObjects(f.id())));
      assertArrayEquals(data, f.ok(cu, Requests.decrypt(f.id(), objects.get(0).handle(), ciphertext, new byte[0])));
      f.ok(cu, Requests.verify(f.id(), objects.get(1).handle(), data, signature));
      Session po = f.loggedIn(Role.PO);
      assertEquals(2, ClientBodies.decodeList(f.ok(po, Requests.clientList(f.id()))).size());
      assertEquals(1234, StcSettings.decode(f.ok(po, Requests.settingsShow(f.id()))).rekeyThresholdMillions());
      assertEquals("second", f.store.peerRegistry(serial).find(second).orElseThrow().label());
    }
  }
}
