package org.openstc.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret key material with explicit access and explicit destruction.
 *
 * <p>Never a {@code String}, never a {@code record}: {@link #toString()} does not reveal the bytes,
 * {@link #equalsConstantTime} compares without early exit, and {@link #destroy()} overwrites this
 * object's bytes with zeros. Every read goes through {@link #bytes()} or {@link #copy()}, which
 * makes each access to the secret easy to find.
 *
 * <p>Best effort only, as in any Java library: wiping covers this array and the arrays their
 * owners wipe, not the copies a JCA provider keeps inside key specs, key schedules and
 * {@link java.math.BigInteger} scalars (which cannot be overwritten; openstc drops its references
 * so they become garbage), nor copies the garbage collector made when it moved an array. A heap
 * dump taken while a key is in use finds it; one taken later may still find such copies.
 * docs/identity-files.md ("Secrets in memory") lists what is and is not wiped.
 */
public final class SecretBytes implements Destroyable {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Takes a copy of {@code bytes}; the caller may wipe its own array afterwards. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** Takes ownership of {@code bytes} without copying: the caller must not keep a reference. */
  public static SecretBytes wrap(byte[] bytes) {
    return new SecretBytes(bytes);
  }

  public int length() {
    return bytes.length;
  }

  /** The live secret array, not a copy. Callers must not modify it nor keep it. */
  public byte[] bytes() {
    checkAlive();
    return bytes;
  }

  /** A copy of the secret that the caller owns (and should wipe). */
  public byte[] copy() {
    checkAlive();
    return bytes.clone();
  }

  /** Compares with another secret in time that depends only on the lengths. */
  public boolean equalsConstantTime(SecretBytes other) {
    return MessageDigest.isEqual(bytes(), other.bytes());
  }

  @Override
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes" + (destroyed ? ", destroyed" : "") + "]";
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret has been destroyed");
    }
  }

  /** Overwrites an array that held a secret; a {@code null} array is ignored. */
  public static void wipe(byte[] secret) {
    if (secret != null) {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
