package org.openstc.stc;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import org.openstc.noise.CipherState;

/**
 * ACTIVATE and ACTIVATE_RESPONSE bodies (docs/protocol.md, "ACTIVATE"): the handshake hash sealed
 * under the sender's transport key with nonce 0 and a label as associated data. Opening one proves
 * the peer holds the same transport key and saw the same transcript.
 */
final class KeyConfirmation {
  static final byte[] LABEL_U = "STC1 MacTag_U".getBytes(StandardCharsets.US_ASCII);
  static final byte[] LABEL_V = "STC1 MacTag_V".getBytes(StandardCharsets.US_ASCII);

  private KeyConfirmation() {}

  static byte[] tag(CipherState sender, byte[] label, byte[] handshakeHash)
      throws GeneralSecurityException {
    byte[] out = new byte[handshakeHash.length + 16];
    sender.encryptWithNonce(0, label, 0, label.length, handshakeHash, 0, handshakeHash.length, out,
        0);
    return out;
  }

  static boolean verify(CipherState receiver, byte[] label, byte[] handshakeHash, byte[] body) {
    if (body.length != handshakeHash.length + 16) {
      return false;
    }
    byte[] opened = new byte[handshakeHash.length];
    try {
      receiver.decryptWithNonce(0, label, 0, label.length, body, 0, body.length, opened, 0);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
    return MessageDigest.isEqual(opened, handshakeHash);
  }
}
