package org.openstc.partition.backup;

import org.openstc.partition.store.TestHost;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/** A whole-host backup taken while the store is written, restored into a fresh home. */
class HostBackupTest {
  static final char[] PASSWORD = "backup-password-1".toCharArray();
  static final PinHasher CHEAP = new PinHasher(64, 1);
  @TempDir Path dir;

  /** The one place these tests make a host: two partitions, registrations and a key object. */
  static HostStore host(Path home) throws Exception {
    HostStore store = TestHost.open(home, CHEAP, false);
    for (String name : List.of("p1", "p2")) {
      long serial = store.partitions().create(name, 1_000_000, KeyType.X25519).serial();
      for (int i = 0; i < 3; i++) {
        store.registrations().register(serial, "c" + i, InMemoryStaticKey.generate(KeyType.X25519,
            CryptoProviders.jca()).identity());
      }
    }
    return store;
  }

  @Test
  void aBackupTakenUnderLoadRestoresEverythingAcknowledgedBeforeIt() throws Exception {
    Path file = dir.resolve("host.bak");
    byte[] plain = "secret data".getBytes(StandardCharsets.UTF_8);
    Manifest taken;
    long serial;
    long handle;
    byte[] sealed;
    try (HostStore store = host(dir.resolve("host"))) {
      serial = store.partitions().get("p1").serial();
      handle = store.objects().generate(serial, ObjectType.AES256, "k").handle();
      sealed = store.objects().encrypt(serial, handle, plain, new byte[0]);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger written = new AtomicInteger();
      List<Throwable> failures = new ArrayList<>();
      Thread load = new Thread(() -> {
        try {
          while (!stop.get()) {
            store.objects().generate(serial, ObjectType.ED25519, "load" + written.get());
            written.incrementAndGet();
          }
        } catch (Exception e) {
          failures.add(e);
        }
      });
      load.start();
      try {
        taken = HostBackup.create(store, file, PASSWORD, CHEAP);
      } finally {
        stop.set(true);
        load.join();
      }
      assertEquals(List.of(), failures);
      assertTrue(written.get() > 0, "the store was written during the backup");
      int objects = taken.partitions().get(0).objects();
      assertTrue(objects >= 1 && objects <= 1 + written.get(), "objects " + objects);
    }
    Path fresh = dir.resolve("fresh");
    Manifest restored = HostBackup.restore(file, PASSWORD, fresh);
    assertEquals(taken, restored);
    try (HostStore store = TestHost.open(fresh, CHEAP)) {
      assertEquals(List.of("p1", "p2"), store.partitions().list().stream()
          .map(p -> p.name()).toList());
      assertEquals(3, store.registrations().list(serial).size());
      assertEquals(taken.partitions().get(0).objects(), store.objects().list(serial).size());
      assertArrayEquals(plain, store.objects().decrypt(serial, handle, sealed, new byte[0]),
          "data encrypted before the backup decrypts after the restore");
    }
  }

  @Test
  void restoreOntoAnExistingHomeKeepsTheReplacedFilesAside() throws Exception {
    Path file = dir.resolve("host.bak");
    try (HostStore store = host(dir.resolve("host"))) {
      HostBackup.create(store, file, PASSWORD, CHEAP);
    }
    Path other = dir.resolve("other");
    try (HostStore store = TestHost.open(other, CHEAP, false)) {
      store.partitions().create("lonely", 1000, KeyType.X25519);
    }
    HostBackup.restore(file, PASSWORD, other);
    try (HostStore store = TestHost.open(other, CHEAP)) {
      assertEquals(2, store.partitions().list().size());
    }
    try (var s = Files.list(other)) {
      assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("replaced-")));
    }
  }
}
