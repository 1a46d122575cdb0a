package org.openstc.noise;

import java.security.GeneralSecurityException;

/**
 * A handshake or transport failure in the Noise engine, with a reason the layer above maps to its
 * own error codes. Messages never contain key material.
 */
public final class NoiseException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Why the engine refused. */
  public enum Reason {
    /** A method was called in a state that does not allow it (see {@link HandshakeState.Action}). */
    WRONG_STATE,
    /** A message is shorter than its tokens require. */
    MESSAGE_TOO_SHORT,
    /** A message or payload exceeds the Noise maximum of 65535 bytes. */
    MESSAGE_TOO_LONG,
    /** A public key in a message or a pre-message does not validate. */
    BAD_PUBLIC_KEY,
    /** Diffie-Hellman failed (for example an all-zero X25519 result from a low-order point). */
    DH_FAILED,
    /** Authenticated decryption failed. */
    DECRYPT_FAILED,
    /** The nonce space of a key is exhausted. */
    NONCE_EXHAUSTED,
    /** The pattern needs a key (s, rs, psk) that was not supplied. */
    MISSING_KEY
  }

  private final Reason reason;

  public NoiseException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public NoiseException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
