package org.openstc.stc;

/**
 * The receiver's sliding replay window (docs/protocol.md, "Replay window"): accepts a sequence
 * number greater than the highest seen so far, or one within the last {@code size} numbers that has
 * not been seen; everything else is a replay. Consulted only after the record's tag verified, so
 * forged records never move the window.
 */
final class ReplayWindow {
  private final int size;
  private final long[] bits;
  private final PartitionChecks checks;
  private long highest;

  ReplayWindow(int size) {
    this(size, PartitionChecks.STRICT);
  }

  ReplayWindow(int size, PartitionChecks checks) {
    this.size = size;
    this.bits = new long[(size + 63) / 64];
    this.checks = checks;
  }

  int size() {
    return size;
  }

  /** The highest sequence number accepted so far (0 before the first). */
  long highest() {
    return highest;
  }

  /** Why {@code seq} would be refused, or {@code null} if it is acceptable. Changes nothing. */
  String check(long seq) {
    boolean inWindow = seq <= highest && highest - seq < size;
    return checks.replayed(seq, highest, size, inWindow && isSet(seq));
  }

  /** Records {@code seq} as received; the caller has called {@link #check} first. */
  void accept(long seq) {
    if (highest - seq >= size) {
      return; // below the window: nothing to record
    }
    if (seq > highest) {
      long shift = seq - highest;
      if (shift >= size) {
        java.util.Arrays.fill(bits, 0L);
      } else {
        for (long s = highest + 1; s < seq; s++) {
          clear(s);
        }
      }
      highest = seq;
    }
    set(seq);
  }

  private int index(long seq) {
    return (int) Long.remainderUnsigned(seq, bits.length * 64L);
  }

  private boolean isSet(long seq) {
    int i = index(seq);
    return (bits[i >>> 6] & (1L << (i & 63))) != 0;
  }

  private void set(long seq) {
    int i = index(seq);
    bits[i >>> 6] |= 1L << (i & 63);
  }

  private void clear(long seq) {
    int i = index(seq);
    bits[i >>> 6] &= ~(1L << (i & 63));
  }
}
