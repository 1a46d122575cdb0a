package org.openstc.jca;

import java.security.ProviderException;
import java.security.SecureRandomSpi;
import org.openstc.client.StcClientException;

/**
 * SecureRandom {@code OpenSTC}: bytes from the partition (RANDOM, at most 65536 per request).
 * Seeding is accepted and ignored: the partition's generator does not take the caller's seed.
 */
final class StcRandom extends SecureRandomSpi {
  private static final long serialVersionUID = 1L;
  private static final int MAX = 65536;

  private final transient SlotSession session;

  StcRandom(OpenStcProvider provider) {
    this.session = provider.session();
  }

  @Override
  protected void engineSetSeed(byte[] seed) {
    // The partition's generator is not seeded by callers.
  }

  @Override
  protected void engineNextBytes(byte[] bytes) {
    try {
      for (int off = 0; off < bytes.length; off += MAX) {
        int n = Math.min(MAX, bytes.length - off);
        System.arraycopy(session.slot().random(n), 0, bytes, off, n);
      }
    } catch (StcClientException e) {
      throw new ProviderException("OpenSTC SecureRandom: " + e.getMessage(), e);
    }
  }

  @Override
  protected byte[] engineGenerateSeed(int numBytes) {
    byte[] out = new byte[numBytes];
    engineNextBytes(out);
    return out;
  }
}
