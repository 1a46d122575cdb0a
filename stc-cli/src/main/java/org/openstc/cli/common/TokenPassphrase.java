package org.openstc.cli.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Where the client token's passphrase comes from, in this order: {@code -password P}, the file of
 * {@code -passphrase-file FILE}, the file named by {@code $STC_TOKEN_PASSPHRASE_FILE}, the terminal.
 * The passphrase itself is never taken from an environment variable: a variable's value is
 * inherited by every child process and readable in {@code /proc/PID/environ}; a file has an owner
 * and permissions. The file's first line is the passphrase (trailing CR/LF dropped).
 */
public final class TokenPassphrase {
  /** The environment variable naming the passphrase file (its value is a path, not a secret). */
  public static final String ENV = "STC_TOKEN_PASSPHRASE_FILE";
  /** A passphrase file larger than this is refused: it is not a one-line passphrase file. */
  public static final int MAX_FILE_BYTES = 4096;

  private TokenPassphrase() {}

  /**
   * The passphrase to unlock the token: {@code option} if non-empty, else the file, else the
   * environment's file, else a prompt on the terminal. The caller wipes the result.
   */
  public static char[] get(CliContext ctx, char[] option, Path file, String prompt) throws CliException {
    if (option != null && option.length > 0) {
      return option.clone();
    }
    Path source = source(ctx, file);
    return source != null ? read(ctx, source) : Passwords.get(ctx, null, prompt);
  }

  /** The passphrase file to use: {@code file} if given, else the one named by the environment. */
  public static Path source(CliContext ctx, Path file) {
    if (file != null) {
      return file;
    }
    String env = ctx.env().get(ENV);
    return env == null || env.isBlank() ? null : Path.of(env);
  }

  /** The first line of {@code file}, without its line end. Warns if others may read the file. */
  public static char[] read(CliContext ctx, Path file) throws CliException {
    byte[] bytes = null;
    CharBuffer chars = null;
    try {
      warnIfShared(ctx, file);
      bytes = readLimited(file);
      chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      int end = 0;
      while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
        end++;
      }
      if (end == 0) {
        throw new CliException(ExitCode.USAGE, "the passphrase file " + file
            + " has an empty first line: it must hold the token password on its first line");
      }
      char[] passphrase = new char[end];
      chars.get(0, passphrase);
      return passphrase;
    } catch (CharacterCodingException e) {
      throw new CliException(ExitCode.USAGE, "the passphrase file " + file + " is not UTF-8 text");
    } catch (NoSuchFileException e) {
      throw new CliException(ExitCode.IO_ERROR, "no passphrase file " + file);
    } catch (IOException e) {
      throw new CliException(ExitCode.IO_ERROR, "cannot read the passphrase file " + file + ": " + e);
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }

  private static byte[] readLimited(Path file) throws IOException, CliException {
    byte[] buffer = new byte[MAX_FILE_BYTES + 1];
    int n = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int r;
      while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0) {
        n += r;
      }
    } catch (IOException e) {
      Arrays.fill(buffer, (byte) 0);
      throw e;
    }
    if (n > MAX_FILE_BYTES) {
      Arrays.fill(buffer, (byte) 0);
      throw new CliException(ExitCode.USAGE, "the passphrase file " + file + " is larger than "
          + MAX_FILE_BYTES + " bytes: it must hold only the token password on its first line");
    }
    byte[] read = Arrays.copyOf(buffer, n);
    Arrays.fill(buffer, (byte) 0);
    return read;
  }

  private static void warnIfShared(CliContext ctx, Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
        ctx.err().println("Warning: the passphrase file " + file + " is readable by group or others;"
            + " make it owner-only (chmod 600)");
      }
    } catch (UnsupportedOperationException | IOException e) {
      // no POSIX permissions (or no file: reading it reports that)
    }
  }
}
