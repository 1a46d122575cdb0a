package org.openstc.crypto.jca;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.noise.CipherStatePair;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.NoiseSuite;
import org.openstc.noise.Patterns;

/**
 * Noise IK handshakes and a transport message on the JCA provider, for every DH function, cipher and
 * hash it offers. {@link JcaIndependenceTest} runs this class in a class loader that has no Bouncy
 * Castle, so it references nothing but the JDK and stc-protocol (no JUnit either).
 */
public final class JcaOnlyHandshake {
  private JcaOnlyHandshake() {}

  /** Runs the handshakes; returns how many suites completed, or throws. */
  public static int run() throws GeneralSecurityException {
    CryptoProvider jca = CryptoProviders.jca();
    int done = 0;
    for (String dh : new String[] {"25519", "448", "P256", "P521"}) {
      for (String cipher : new String[] {"AESGCM", "ChaChaPoly"}) {
        for (String hash : new String[] {"SHA256", "SHA512"}) {
          handshake(jca, NoiseSuite.of(jca, dh, cipher, hash));
          done++;
        }
      }
    }
    return done;
  }

  private static void handshake(CryptoProvider jca, NoiseSuite suite)
      throws GeneralSecurityException {
    DhFunction dh = suite.dh();
    DhKeyPair initiatorStatic = dh.generateKeyPair(jca.random());
    // One static key rebuilt from a private key, as a stored key is loaded.
    byte[] scalar = new byte[dh.privateKeyLength()];
    scalar[scalar.length - 1] = 42;
    scalar[1] = 7;
    DhKeyPair responderStatic = dh.fromPrivateKey(scalar);
    HandshakeState initiator = HandshakeState.builder(suite, Patterns.IK, true)
        .localStatic(initiatorStatic).remoteStatic(responderStatic.publicKey()).build();
    HandshakeState responder = HandshakeState.builder(suite, Patterns.IK, false)
        .localStatic(responderStatic).build();
    responder.readMessage(initiator.writeMessage(new byte[0]));
    initiator.readMessage(responder.writeMessage(new byte[0]));
    CipherStatePair i = initiator.split();
    CipherStatePair r = responder.split();
    byte[] hello = {1, 2, 3};
    byte[] back = r.receiver().decryptWithAd(new byte[0], i.sender().encryptWithAd(new byte[0], hello));
    if (!Arrays.equals(hello, back)) {
      throw new IllegalStateException(suite + ": transport message garbled");
    }
  }
}
