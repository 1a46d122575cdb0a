package org.openstc.partition.backup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The chunked streams of {@link BackupCipher}: each chunk is a 4-byte word (bit 31: the last
 * chunk; the rest: the ciphertext's length) and the ciphertext. The writer holds a full chunk back
 * until it knows whether more follows, so exactly the last chunk is flagged; the reader hands out
 * nothing that has not been authenticated, and requires the flagged chunk and the end of the file
 * right after it.
 */
final class SealedStreams {
  private static final int LAST = 1 << 31;

  private SealedStreams() {}

  /** Writes the header, then seals what is written to it; {@code close} writes the last chunk. */
  static final class Writer extends OutputStream {
    private final BackupCipher cipher;
    private final DataOutputStream out;
    private final byte[] buffer = new byte[BackupCipher.CHUNK];
    private int filled;
    private long index;

    Writer(BackupCipher cipher, OutputStream out) throws IOException {
      this.cipher = cipher;
      this.out = new DataOutputStream(out);
      this.out.write(cipher.header());
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == buffer.length) {
          emit(false);
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        emit(true);
        out.flush();
      } finally {
        Arrays.fill(buffer, (byte) 0);
        cipher.destroy();
        out.close();
      }
    }

    private void emit(boolean last) throws IOException {
      byte[] sealed = cipher.seal(index++, last, buffer, filled);
      out.writeInt(sealed.length | (last ? LAST : 0));
      out.write(sealed);
      filled = 0;
    }
  }

  /** Reads the chunks after a header, yielding only authenticated bytes. */
  static final class Reader extends InputStream {
    private final BackupCipher cipher;
    private final DataInputStream in;
    private byte[] plain = new byte[0];
    private int pos;
    private long index;
    private boolean ended;

    Reader(BackupCipher cipher, InputStream in) {
      this.cipher = cipher;
      this.in = new DataInputStream(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (pos == plain.length) {
        if (ended) {
          return -1;
        }
        next();
      }
      int n = Math.min(len, plain.length - pos);
      System.arraycopy(plain, pos, b, off, n);
      pos += n;
      return n;
    }

    private void next() throws IOException {
      int word;
      try {
        word = in.readInt();
      } catch (EOFException e) {
        throw new BackupException("the backup file is truncated (it ends after chunk " + index
            + " without its last chunk)");
      }
      boolean last = (word & LAST) != 0;
      int length = word & ~LAST;
      if (length < 16 || length > BackupCipher.maxSealed()) {
        throw new BackupException("chunk " + index + " of the backup has an impossible length "
            + length + ": the file is damaged");
      }
      byte[] sealed = new byte[length];
      BackupCipher.readFully(in, sealed, "chunk " + index);
      Arrays.fill(plain, (byte) 0);
      plain = cipher.open(index++, last, sealed);
      pos = 0;
      if (last) {
        ended = true;
        if (in.read() != -1) {
          throw new BackupException("the backup file has bytes after its last chunk: it is "
              + "damaged");
        }
      }
    }

    @Override
    public void close() throws IOException {
      Arrays.fill(plain, (byte) 0);
      cipher.destroy();
      in.close();
    }
  }
}
