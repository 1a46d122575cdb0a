package org.openstc.client;

import java.nio.file.Path;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/** The in-process host and client home the link tests of this module start from. */
final class LinkSetup {
  private LinkSetup() {}

  /** A host store in {@code dir/host} at test Argon2 costs. */
  static HostStore store(Path dir) throws Exception {
    return HostStore.create(dir.resolve("host"), "test", "test-so-password".toCharArray(),
        new PinHasher(64, 1), true);
  }

  /**
   * A client home with a token, identity "client1" and {@code partition} registered as "par1";
   * the host registers the identity on the partition. Returns the client's identity.
   */
  static PeerIdentity client(Path home, HostStore store, PartitionRecord partition)
      throws Exception {
    TokenHome.of(home).init("token", null);
    PeerIdentity id;
    try (Token t = Token.open(home)) {
      id = t.createIdentity("client1", KeyType.X25519, null).identity();
      IdentityFile pid = Partitions.identityFile(partition);
      t.registerPartition(pid, "par1", pid.fingerprint());
    }
    store.registrations().register(partition.serial(), "client1", id);
    return id;
  }
}
