package org.openstc.crypto.jca;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openstc.crypto.HashFunction;

/** SHA-2 and HMAC on the JDK; one MessageDigest and Mac per thread, so no lookup per call. */
final class JcaHash implements HashFunction {
  private final String name;
  private final String hmacAlgorithm;
  private final int hashLength;
  private final int blockLength;
  private final ThreadLocal<MessageDigest> digest;
  private final ThreadLocal<Mac> mac;
  private final SecretKeySpec blank;

  JcaHash(String name, String digestAlgorithm, String hmacAlgorithm, int hashLength,
      int blockLength) {
    this.name = name;
    this.hmacAlgorithm = hmacAlgorithm;
    this.hashLength = hashLength;
    this.blockLength = blockLength;
    this.blank = new SecretKeySpec(new byte[1], hmacAlgorithm);
    this.digest = ThreadLocal.withInitial(() -> newInstance(() -> MessageDigest.getInstance(digestAlgorithm)));
    this.mac = ThreadLocal.withInitial(() -> newInstance(() -> Mac.getInstance(hmacAlgorithm)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int hashLength() {
    return hashLength;
  }

  @Override
  public int blockLength() {
    return blockLength;
  }

  @Override
  public byte[] hash(byte[]... parts) {
    MessageDigest md = digest.get();
    md.reset();
    for (byte[] part : parts) {
      md.update(part);
    }
    return md.digest();
  }

  @Override
  public byte[] hmac(byte[] key, byte[]... parts) {
    Mac m = mac.get();
    try {
      // An empty key is legal for HMAC but SecretKeySpec refuses it; HMAC pads keys with zeros,
      // so one zero byte is the same key.
      m.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, hmacAlgorithm));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC init failed", e);
    }
    for (byte[] part : parts) {
      m.update(part);
    }
    byte[] out = m.doFinal();
    try {
      // The kept Mac would hold the (secret) key until its next use: key it with zeros instead.
      m.init(blank);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC init failed", e);
    }
    return out;
  }

  private interface Factory<T> {
    T create() throws GeneralSecurityException;
  }

  private static <T> T newInstance(Factory<T> factory) {
    try {
      return factory.create();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks a required algorithm", e);
    }
  }
}
