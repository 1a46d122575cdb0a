package org.openstc.cli.stcsh;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * The host's log file, bounded in size: {@code log/host.log} in the host home (owner-only), moved
 * to {@code host.log.1} (and {@code .1} to {@code .2}, ...) when the next write would pass
 * {@code maxBytes}; the oldest of {@code files} is dropped. No file ever passes {@code maxBytes}
 * (one write longer than that keeps its first {@code maxBytes}), so the directory holds at most
 * {@code files * maxBytes} bytes of log.
 */
final class RollingLog extends OutputStream {
  static final String DIR = "log";
  static final String FILE = "host.log";
  static final long DEFAULT_MAX_BYTES = 10L << 20;
  static final int DEFAULT_FILES = 5;
  static final int MAX_FILES = 100;
  static final long MIN_BYTES = 4096;

  private final Path dir;
  private final long maxBytes;
  private final int files;
  private OutputStream out;
  private long size;

  private RollingLog(Path dir, long maxBytes, int files) throws IOException {
    if (maxBytes < MIN_BYTES) {
      throw new IllegalArgumentException("-log-size must be at least " + MIN_BYTES + " bytes, not "
          + maxBytes);
    }
    if (files < 1 || files > MAX_FILES) {
      throw new IllegalArgumentException("-log-files must be 1.." + MAX_FILES + ", not " + files);
    }
    this.dir = OwnerOnlyFiles.createDirectories(dir);
    this.maxBytes = maxBytes;
    this.files = files;
    openCurrent();
  }

  /** Opens (appending) the log of the host home {@code home}. */
  static RollingLog open(Path home, long maxBytes, int files) throws IOException {
    return new RollingLog(home.resolve(DIR), maxBytes, files);
  }

  /** A print stream on this log that flushes every line, for {@link System#setErr}. */
  PrintStream printStream() {
    return new PrintStream(this, true, StandardCharsets.UTF_8);
  }

  /** Parses a size such as {@code 10M}, {@code 512K}, {@code 1G} or a number of bytes. */
  static long parseSize(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("K") || t.endsWith("M") || t.endsWith("G")) {
      unit = switch (t.charAt(t.length() - 1)) {
        case 'K' -> 1L << 10;
        case 'M' -> 1L << 20;
        default -> 1L << 30;
      };
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n < 0 || n > (1L << 40) / unit) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a size: '" + text + "' (bytes, or a number with K, M"
          + " or G)");
    }
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    if (size > 0 && size + len > maxBytes) {
      roll();
    }
    int n = (int) Math.min(len, maxBytes - size);
    out.write(b, off, n);
    size += n;
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /** host.log.(files-1) is dropped, each other moves up one, host.log starts empty. */
  private void roll() throws IOException {
    out.close();
    Files.deleteIfExists(numbered(files - 1));
    for (int i = files - 2; i >= 1; i--) {
      if (Files.exists(numbered(i))) {
        Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (files > 1) {
      Files.move(dir.resolve(FILE), numbered(1), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(dir.resolve(FILE));
    }
    openCurrent();
  }

  private Path numbered(int i) {
    return dir.resolve(FILE + "." + i);
  }

  private void openCurrent() throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    }
    OwnerOnlyFiles.restrictFile(file);
    out = Files.newOutputStream(file, StandardOpenOption.APPEND);
    size = Files.size(file);
  }
}
