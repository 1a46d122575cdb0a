package org.openstc.stc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import org.openstc.stc.wire.FrameType;

/**
 * Seals the messages queued for sending into as few DATA records as the channel allows, in order
 * (docs/protocol.md 24a). Until {@link #packSeveral()} (the peer agreed), and for a message that is
 * alone in the queue, one message is one record, byte for byte as without a packer; after it, the
 * messages at the head of the queue share a record up to {@link MessageBatch#MAX_MESSAGES} and
 * the batch size. Nothing waits for more messages: what is queued when the sender flushes goes.
 * One sending thread at a time; the plaintext copy of a batch is wiped once it is sealed.
 */
public final class RecordPacker {
  private final StcChannel channel;
  private final int batchBytes;
  private final List<byte[]> taken = new ArrayList<>();
  private byte[] scratch;
  private int takenBytes;
  private volatile boolean several;

  /** {@code batchBytes}: the largest payload of a several-messages record (capped by the channel). */
  public RecordPacker(StcChannel channel, int batchBytes) {
    this.channel = channel;
    this.batchBytes = Math.min(batchBytes, channel.info().maxPlaintext());
  }

  /** The peer agreed to several messages per record: pack from the next record on. */
  public void packSeveral() {
    several = true;
  }

  public boolean packsSeveral() {
    return several;
  }

  /**
   * Takes from the head of {@code queue} the messages of the next record and returns that record's
   * frame length, or 0 if the queue is empty. Seal them with {@link #seal} before the next take.
   */
  public int take(Queue<byte[]> queue) {
    taken.clear();
    takenBytes = 0;
    byte[] head = queue.poll();
    if (head == null) {
      return 0;
    }
    taken.add(head);
    if (several && fits(head, 0)) {
      int bytes = MessageBatch.sizeOf(head.length);
      byte[] next;
      while (taken.size() < MessageBatch.MAX_MESSAGES && (next = queue.peek()) != null
          && fits(next, bytes)) {
        taken.add(queue.poll());
        bytes += MessageBatch.sizeOf(next.length);
      }
      takenBytes = taken.size() > 1 ? bytes : 0;
    }
    return StcChannel.sealedLength(takenBytes > 0 ? takenBytes : head.length);
  }

  private boolean fits(byte[] message, int bytes) {
    return message.length > 0 && MessageBatch.sizeOf(message.length) <= batchBytes - bytes;
  }

  /** Seals what {@link #take} took into {@code out} at {@code off}; returns the frame length. */
  public int seal(byte[] out, int off) throws StcException {
    try {
      if (takenBytes == 0) {
        byte[] m = taken.get(0);
        return channel.seal(FrameType.DATA, m, 0, m.length, out, off);
      }
      if (scratch == null) {
        scratch = new byte[batchBytes];
      }
      int n = 0;
      for (byte[] m : taken) {
        n = MessageBatch.put(m, scratch, n);
      }
      try {
        return channel.sealSeveral(scratch, 0, n, out, off);
      } finally {
        Arrays.fill(scratch, 0, n, (byte) 0);
      }
    } finally {
      taken.clear();
      takenBytes = 0;
    }
  }
}
