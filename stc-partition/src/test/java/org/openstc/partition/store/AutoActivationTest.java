package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.stc.KeyType;

class AutoActivationTest {
  @TempDir
  Path dir;

  static void writeKeyFile(Path file) throws Exception {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    OwnerOnlyFiles.write(file, b);
  }

  @Test
  void theKeyFileUnsealsWithoutTheSo() throws Exception {
    Path home = dir.resolve("host");
    Path keyFile = dir.resolve("auto.key");
    writeKeyFile(keyFile);
    long serial;
    try (HostStore store = TestHost.open(home, HsmTest.CHEAP)) {
      serial = store.partitions().create("p1", 1000, KeyType.X25519).serial();
    }
    assertTrue(AutoActivation.unseal(home).isEmpty(), "not enabled");
    assertFalse(HostActivation.autoActivationAllowed(home));
    MasterKey key = Hsm.unseal(home, SoSecret.password(TestHost.SO_PASSWORD.toCharArray()));
    AutoActivation.enable(home, key, keyFile);
    key.destroy();
    assertTrue(HostActivation.autoActivationAllowed(home));
    try (HostStore store = HostStore.open(home, HsmTest.CHEAP)) {
      store.unseal(AutoActivation.unseal(home).orElseThrow());
      store.identityKey(serial).destroy();
    }
    AutoActivation.disable(home);
    assertTrue(AutoActivation.unseal(home).isEmpty());
  }

  @Test
  void aLooseOrReplacedOrShortKeyFileIsRefused() throws Exception {
    Path home = dir.resolve("host");
    Path keyFile = dir.resolve("auto.key");
    writeKeyFile(keyFile);
    TestHost.open(home, HsmTest.CHEAP).close();
    MasterKey key = Hsm.unseal(home, SoSecret.password(TestHost.SO_PASSWORD.toCharArray()));
    AutoActivation.enable(home, key, keyFile);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(CkResult.CKR_DEVICE_ERROR, assertThrows(StoreException.class, () -> AutoActivation.unseal(home)).result());
    writeKeyFile(keyFile); // another key in the same place
    assertEquals(CkResult.CKR_PIN_INCORRECT, assertThrows(StoreException.class, () -> AutoActivation.unseal(home)).result());
    OwnerOnlyFiles.write(keyFile, new byte[31]);
    assertEquals(CkResult.CKR_ARGUMENTS_BAD,
        assertThrows(StoreException.class, () -> AutoActivation.enable(home, key, keyFile)).result());
    key.destroy();
  }
}
