package org.openstc.token;

import static org.openstc.token.TokenException.Reason.HASH_MISMATCH;
import static org.openstc.token.TokenException.Reason.INVALID_ARGUMENT;
import static org.openstc.token.TokenException.Reason.IO_ERROR;

import java.security.GeneralSecurityException;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhKeyPair;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityKind;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/** Argument checks and key derivation shared by {@link Token} and {@link TokenHome}. */
final class TokenChecks {
  private TokenChecks() {}

  static void checkPartitionFile(IdentityFile pid, String expectedHash) throws TokenException {
    if (pid.kind() != IdentityKind.PARTITION) {
      throw new TokenException(INVALID_ARGUMENT, "the file holds a client identity, not a partition identity");
    }
    if (expectedHash != null && !pid.identity().matchesFingerprint(expectedHash)) {
      throw new TokenException(HASH_MISMATCH, "the partition identity hash " + pid.fingerprint()
          + " does not match the expected hash " + PeerIdentity.normalizeFingerprint(expectedHash));
    }
  }

  static void requireLabel(String label) throws TokenException {
    if (!IdentityFile.isValidLabel(label)) {
      throw new TokenException(INVALID_ARGUMENT, "invalid label '" + label
          + "' (1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit)");
    }
  }

  static PeerIdentity publicOf(KeyType type, byte[] raw) throws TokenException {
    try {
      DhKeyPair pair = type.dh(CryptoProviders.jca()).fromPrivateKey(raw);
      try {
        return PeerIdentity.of(type, pair.publicKey());
      } finally {
        pair.destroy();
      }
    } catch (GeneralSecurityException e) {
      throw new TokenException(IO_ERROR, "cannot generate a " + type.label() + " key: " + e.getMessage(), e);
    }
  }
}
