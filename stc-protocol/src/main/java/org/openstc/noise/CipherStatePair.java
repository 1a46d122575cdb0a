package org.openstc.noise;

import javax.security.auth.Destroyable;

/**
 * The result of {@link HandshakeState#split()}: one CipherState per direction, seen from our side,
 * and the final handshake hash (the channel binding).
 */
public final class CipherStatePair implements Destroyable {
  private final CipherState sender;
  private final CipherState receiver;
  private final byte[] handshakeHash;

  CipherStatePair(CipherState sender, CipherState receiver, byte[] handshakeHash) {
    this.sender = sender;
    this.receiver = receiver;
    this.handshakeHash = handshakeHash;
  }

  /** Encrypts what we send. */
  public CipherState sender() {
    return sender;
  }

  /** Decrypts what we receive. */
  public CipherState receiver() {
    return receiver;
  }

  public byte[] handshakeHash() {
    return handshakeHash.clone();
  }

  @Override
  public void destroy() {
    sender.destroy();
    receiver.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return sender.isDestroyed() && receiver.isDestroyed();
  }
}
