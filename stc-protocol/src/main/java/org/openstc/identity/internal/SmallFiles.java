package org.openstc.identity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Internal: not API; may change without notice.
 *
 * <p>Reads the small files the tools keep (identity files, keys, configuration) with a size limit
 * checked before and during the read: a file that is larger, endless ({@code /dev/zero}) or sparse
 * and huge fails at once with {@link TooLarge}, without reading more than the limit and one byte.
 */
public final class SmallFiles {
  /** The limit of identity, key, server list and configuration files: far above what they hold. */
  public static final int DEFAULT_LIMIT = 16 * 1024;
  /** The limit of files that grow with use: the client configuration, the shell history. */
  public static final int CONFIG_LIMIT = 1024 * 1024;

  /** A file over its limit; the message names the file and the limit. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(Path file, int limit) {
      super(file + " is larger than " + limit + " bytes, too large for what it should hold");
    }
  }

  private SmallFiles() {}

  /** The bytes of {@code file}, at most {@code limit} of them. */
  public static byte[] read(Path file, int limit) throws IOException {
    if (Files.isRegularFile(file) && Files.size(file) > limit) {
      throw new TooLarge(file, limit);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = in.readNBytes(limit + 1);
      if (buf.length > limit) {
        Arrays.fill(buf, (byte) 0); // it may be a key file
        throw new TooLarge(file, limit);
      }
      return buf;
    }
  }

  /** As {@link #read(Path, int)} with {@link #DEFAULT_LIMIT}. */
  public static byte[] read(Path file) throws IOException {
    return read(file, DEFAULT_LIMIT);
  }
}
