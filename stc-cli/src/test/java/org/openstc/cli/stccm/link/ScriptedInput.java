package org.openstc.cli.stccm.link;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Shell input that hands out one line per read and runs test actions between lines, so a test
 * can change the world (deregister the client, restart the host) in the middle of a shell session.
 */
final class ScriptedInput extends InputStream {
  /** Something to do before the next line is read. */
  interface Action {
    void run() throws Exception;
  }

  private final Deque<Object> items = new ArrayDeque<>();
  private byte[] current = new byte[0];
  private int pos;

  ScriptedInput line(String line) {
    items.add(line);
    return this;
  }

  ScriptedInput then(Action action) {
    items.add(action);
    return this;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    while (pos == current.length) {
      Object next = items.poll();
      if (next == null) {
        return -1;
      }
      if (next instanceof Action a) {
        try {
          a.run();
        } catch (Exception e) {
          throw new IllegalStateException("test action failed", e);
        }
      } else {
        current = (next + "\n").getBytes(StandardCharsets.UTF_8);
        pos = 0;
      }
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return 0;
  }
}
