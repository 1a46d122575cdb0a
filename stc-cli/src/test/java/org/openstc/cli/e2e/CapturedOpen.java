package org.openstc.cli.e2e;

import java.nio.file.Path;
import org.openstc.client.Slot;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/**
 * The OPEN of a registered client as an attacker captures it on the wire (message 1 of Noise IK,
 * replayable by design): the host answers every replay of it with an OPEN_RESPONSE.
 */
final class CapturedOpen {
  private CapturedOpen() {}

  /**
   * Registers a new client {@code label} through {@code slot} (a Partition SO logged in) and
   * returns the OPEN it would send to the partition whose identity file is {@code partitionId}.
   */
  static byte[] ofNewClient(Slot slot, String label, Path partitionId) throws Exception {
    InMemoryStaticKey key = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    slot.registerClient(label, key.identity(), null);
    return new ClientHandshake(CryptoProviders.jca(), key, slot.serial(),
        IdentityFile.read(partitionId).identity()).start();
  }
}
