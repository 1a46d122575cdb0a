package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/**
 * An image that decodes but does not hang together (a row missing, another partition's key, a
 * changed object) fails {@link PartitionImage#verify}, and a restore of it changes nothing; an
 * image survives encode and decode; a restore leaves no row of what it replaced.
 */
class PartitionImageTest {
  private static final PinHasher CHEAP = new PinHasher(64, 1);
  @TempDir Path dir;

  @Test
  void anImageThatDoesNotHangTogetherIsRefused() throws Exception {
    try (HostStore store = TestHost.open(dir, CHEAP, false)) {
      long a = store.partitions().create("a", 100_000, KeyType.X25519).serial();
      store.partitions().create("b", 100_000, KeyType.X25519);
      store.registrations().register(a, "c", InMemoryStaticKey.generate(KeyType.X25519,
          CryptoProviders.jca()).identity());
      store.objects().generate(a, ObjectType.AES256, "k");
      PartitionImage good = PartitionImage.decode(store.partitionImages().take("a").encode());
      good.verify();
      PartitionImage other = store.partitionImages().take("b");
      List<PartitionImage> bad = new ArrayList<>();
      List<PartitionImage.Row> fewer = new ArrayList<>(good.rows());
      fewer.removeIf(r -> r.part() == PartitionImage.Part.CLIENTS);
      bad.add(new PartitionImage(good.hostSerial(), good.record(), good.clearKeyset(), fewer));
      bad.add(new PartitionImage(good.hostSerial(), good.record(), other.clearKeyset(),
          good.rows()));
      List<PartitionImage.Row> changed = new ArrayList<>();
      for (PartitionImage.Row r : good.rows()) {
        byte[] v = r.value().clone();
        if (r.part() == PartitionImage.Part.OBJECTS) {
          v[v.length - 12] ^= 1;
        }
        changed.add(new PartitionImage.Row(r.part(), r.suffix(), v));
      }
      bad.add(new PartitionImage(good.hostSerial(), good.record(), good.clearKeyset(), changed));
      store.registrations().deregister(a, "c");
      for (PartitionImage image : bad) {
        assertThrows(StoreException.class, image::verify);
        assertThrows(StoreException.class,
            () -> store.partitionImages().restore(image, "a", false));
        assertEquals(0, store.registrations().list(a).size(), "nothing restored");
      }
      store.partitionImages().restore(good, "a", false);
      assertEquals(1, store.registrations().list(a).size());
    }
  }

  @Test
  void aRestoreDropsTheCloningDomainSetSinceTheBackup() throws Exception {
    try (HostStore store = TestHost.open(dir, CHEAP, false)) {
      store.partitions().create("a", 100_000, KeyType.X25519);
      long a = store.partitions().get("a").serial();
      PartitionImage before = store.partitionImages().take("a");
      long policies = before.count(PartitionImage.Part.POLICIES);
      store.domains().set(a, new byte[16]);
      assertEquals(policies + 1, store.partitionImages().take("a").count(
          PartitionImage.Part.POLICIES));
      store.partitionImages().restore(before, "a", false);
      assertEquals(policies, store.partitionImages().take("a").count(
          PartitionImage.Part.POLICIES));
    }
  }
}
