package org.openstc.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Executable;
import java.lang.reflect.Modifier;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhKeyPair;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.PartitionHandshake;
import org.openstc.testing.FixedEphemeralProvider;

/**
 * The distribution has no way to fix a Noise ephemeral key from outside: the handshake has no
 * input for it (it calls {@code generateKeyPair} of the caller's provider), and the system property
 * that once unlocked a fixed-ephemeral hook does nothing. The only injection point is the provider
 * object the caller passes in, which is how the test vectors fix keys.
 */
class NoEphemeralSwitchTest {
  private static final String OLD_PROPERTY = "openstc.insecure.vectors";
  private static final byte[] FIXED = new byte[32];

  static {
    FIXED[0] = 42;
  }

  @Test
  void noHandshakeEntryPointTakesAKeyPairExceptTheLocalStatic() {
    List<String> found = new ArrayList<>();
    for (Class<?> c : List.of(HandshakeBuilder.class, HandshakeState.class, NoiseSuite.class,
        ClientHandshake.class, PartitionHandshake.class)) {
      List<Executable> entries = new ArrayList<>(Arrays.asList(c.getMethods()));
      entries.addAll(Arrays.asList(c.getConstructors()));
      for (Executable m : entries) {
        boolean takesPair = Arrays.asList(m.getParameterTypes()).contains(DhKeyPair.class);
        if (takesPair && !(c == HandshakeBuilder.class && m.getName().equals("localStatic"))) {
          found.add(c.getSimpleName() + "." + m.getName());
        }
      }
      for (var f : c.getFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
          found.add(c.getSimpleName() + "." + f.getName());
        }
      }
    }
    assertEquals(List.of(), found, "a way to hand the handshake its own ephemeral key (or a "
        + "switch name) is public again");
  }

  @Test
  void theOldPropertyFixesNothing() throws Exception {
    String before = System.getProperty(OLD_PROPERTY);
    System.setProperty(OLD_PROPERTY, "true");
    try {
      for (CryptoProvider p : CryptoProviders.all()) {
        assertFalse(Arrays.equals(firstEphemeral(p), firstEphemeral(p)),
            p.name() + " sent the same ephemeral key twice");
      }
    } finally {
      if (before == null) {
        System.clearProperty(OLD_PROPERTY);
      } else {
        System.setProperty(OLD_PROPERTY, before);
      }
    }
  }

  @Test
  void theCallersProviderIsWhereTheEphemeralComesFrom() throws Exception {
    CryptoProvider jca = CryptoProviders.jca();
    FixedEphemeralProvider fixed = FixedEphemeralProvider.of(jca, "25519", FIXED);
    assertArrayEquals(fixed.ephemeralPublicKey(), firstEphemeral(fixed));
    assertArrayEquals(firstEphemeral(fixed), firstEphemeral(fixed));
    assertFalse(Arrays.equals(fixed.ephemeralPublicKey(), firstEphemeral(jca)),
        "the plain provider sent the fixed key");
  }

  /** The {@code e} an IK initiator on {@code provider} puts at the start of message 1. */
  private static byte[] firstEphemeral(CryptoProvider provider) throws GeneralSecurityException {
    NoiseSuite suite = NoiseSuite.of(provider, "25519", "ChaChaPoly", "SHA256");
    byte[] responder = suite.dh().generateKeyPair(provider.random()).publicKey();
    HandshakeState h = HandshakeState.builder(suite, Patterns.IK, true)
        .localStatic(suite.dh().generateKeyPair(provider.random())).remoteStatic(responder)
        .build();
    try {
      return Arrays.copyOf(h.writeMessage(new byte[0]), suite.dh().publicKeyLength());
    } finally {
      h.destroy();
    }
  }
}
