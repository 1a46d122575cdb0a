package org.openstc.jca;

import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A test class's partition and provider, with the KeyStore loaded by the Crypto Officer. */
abstract class LiveProviderTest {
  @TempDir static Path dir;
  static TestPartition partition;
  static OpenStcProvider provider;
  static KeyStore ks;

  @BeforeAll
  static void startPartitionAndProvider() throws Exception {
    partition = TestPartition.start(dir);
    provider = new OpenStcProvider(partition.config(""));
    ks = KeyStore.getInstance("OpenSTC", provider);
    ks.load(null, TestPartition.CO_PIN.toCharArray());
  }

  @AfterAll
  static void stopProviderAndPartition() {
    provider.close();
    partition.close();
  }
}
