package org.openstc.crypto.bc;

import java.util.function.Supplier;
import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openstc.crypto.HashFunction;

/**
 * SHA-2 and BLAKE2 with HMAC on Bouncy Castle. BC digests are not thread-safe, so each thread
 * keeps its own digest and HMAC instance; the block length HMAC pads to is the digest's own
 * ({@link ExtendedDigest#getByteLength()}: 64 for SHA-256 and BLAKE2s, 128 for SHA-512 and
 * BLAKE2b), which is Noise's {@code BLOCKLEN}.
 */
final class BcHash implements HashFunction {
  private final String name;
  private final int hashLength;
  private final int blockLength;
  private final ThreadLocal<ExtendedDigest> digest;
  private final ThreadLocal<HMac> mac;

  BcHash(String name, Supplier<ExtendedDigest> factory) {
    ExtendedDigest probe = factory.get();
    this.name = name;
    this.hashLength = probe.getDigestSize();
    this.blockLength = probe.getByteLength();
    this.digest = ThreadLocal.withInitial(factory);
    this.mac = ThreadLocal.withInitial(() -> new HMac(factory.get()));
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
    ExtendedDigest md = digest.get();
    md.reset();
    for (byte[] part : parts) {
      md.update(part, 0, part.length);
    }
    byte[] out = new byte[hashLength];
    md.doFinal(out, 0);
    return out;
  }

  @Override
  public byte[] hmac(byte[] key, byte[]... parts) {
    HMac m = mac.get();
    // HMac copies what it needs of the key (hashed if long, zero-padded otherwise) into its pads.
    m.init(new KeyParameter(key));
    for (byte[] part : parts) {
      m.update(part, 0, part.length);
    }
    byte[] out = new byte[hashLength];
    m.doFinal(out, 0);
    return out;
  }
}
