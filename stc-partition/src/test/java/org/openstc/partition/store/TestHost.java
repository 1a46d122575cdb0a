package org.openstc.partition.store;

import java.nio.file.Path;

/**
 * The one place stc-partition tests get a host: initialised (hsm init) with {@link #SO_PASSWORD}
 * on first use, reopened and unsealed with it afterwards.
 */
public final class TestHost {
  public static final String SO_PASSWORD = "test-so-password";

  private TestHost() {}

  public static HostStore open(Path home, PinHasher hasher) throws StoreException {
    return open(home, hasher, true);
  }

  public static HostStore open(Path home, PinHasher hasher, boolean sync) throws StoreException {
    if (Hsm.isInitialized(home)) {
      return HostStore.open(home, hasher, sync, SoSecret.password(SO_PASSWORD.toCharArray()));
    }
    return HostStore.create(home, "testhost", SO_PASSWORD.toCharArray(), hasher, sync);
  }
}
