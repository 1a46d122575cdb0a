package org.openstc.cli.stcsh;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * An administrator account's file area, {@code $STC_HOST_HOME/files/<account>/}: what the account
 * copies to and from the host with scp ({@code client.pem} up, {@code server.pem} down) and sees
 * with {@code my file list}. The area is flat: a file is named by a plain name
 * ({@link #NAME}), never a path, so {@code ..}, absolute paths and subdirectories are refused
 * before the file system is asked; a name that is a symbolic link (or anything but a regular
 * file) is refused too. A file is at most {@link #MAX_FILE_BYTES}.
 */
final class FileArea {
  static final String DIR = "files";
  /** Largest file an account may upload (certificates and identity files are a few KB). */
  static final long MAX_FILE_BYTES = 1024 * 1024;
  /** A file name: letters, digits, '.', '_', '-', '@', not starting with '.', 1..128 chars. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,127}");

  /** A file of the area, as {@code my file list} shows it. */
  record Entry(String name, long size, Instant modified) {}

  private final Path dir;

  private FileArea(Path dir) {
    this.dir = dir;
  }

  /** The area of {@code account} on the host in {@code home}, created (owner-only) if missing. */
  static FileArea of(Path home, String account) throws IOException {
    if (!org.openstc.partition.store.Accounts.NAME.matcher(account).matches()) {
      throw new IOException("not an account name: " + account);
    }
    Path files = OwnerOnlyFiles.createDirectories(home.resolve(DIR));
    Path dir = files.resolve(account);
    if (Files.isSymbolicLink(dir)) {
      throw new IOException("the file area " + dir + " is a symbolic link; refused");
    }
    return new FileArea(OwnerOnlyFiles.createDirectories(dir));
  }

  Path dir() {
    return dir;
  }

  /**
   * The file named {@code name} in this area (which need not exist yet); an IOException naming the
   * rule when {@code name} is a path, {@code ..}, hidden, or an existing link or non-file.
   */
  Path resolve(String name) throws IOException {
    checkName(name);
    Path file = dir.resolve(name);
    if (!file.getParent().equals(dir)) {
      throw new IOException("'" + name + "' is not a file of the area");
    }
    if (Files.isSymbolicLink(file)) {
      throw new IOException("'" + name + "' is a symbolic link; links are refused");
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("'" + name + "' is not a regular file");
    }
    return file;
  }

  /** Refuses anything but a plain file name, saying why. */
  static void checkName(String name) throws IOException {
    if (name == null || name.isEmpty()) {
      throw new IOException("no file name given");
    }
    if (name.contains("/") || name.contains("\\")) {
      throw new IOException("'" + name + "': paths are refused; name a file of your area only");
    }
    if (name.equals("..") || name.equals(".")) {
      throw new IOException("'" + name + "' is refused: the file area has no directories");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IOException("'" + name + "' is not an accepted file name (letters, digits, . _ - @;"
          + " not starting with '.'; at most 128)");
    }
  }

  /**
   * The file {@code name} a command takes from its caller by default (the certificate
   * {@code client register} reads): from the caller's area; locally, when the caller has none or
   * it lacks the file, from the host home. Over SSH only the area is looked in.
   */
  static Path uploaded(HostCommand c, Path home, String name) throws CliException {
    AdminSession.Admin a = c.admin();
    boolean remote = SshUser.of(c.ctx).isPresent();
    if (a != null && !a.singleAdmin()) {
      try {
        Path f = of(home, a.name()).resolve(name);
        if (remote || Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          return f;
        }
      } catch (IOException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
    }
    return home.resolve(name);
  }

  /**
   * Where a command writes a file for its caller to fetch (the one-time token {@code htl
   * generateott} makes): the caller's area when the caller is an account, else (single-admin
   * mode) the host home.
   */
  static Path forCaller(HostCommand c, Path home, String name) throws CliException {
    AdminSession.Admin a = c.admin();
    if (a == null || a.singleAdmin()) {
      return home.resolve(name);
    }
    try {
      return of(home, a.name()).resolve(name);
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage());
    }
  }

  /** The regular files of the area by name; links and anything else are not listed. */
  List<Entry> list() throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        String name = f.getFileName().toString();
        if (a.isRegularFile() && NAME.matcher(name).matches()) {
          entries.add(new Entry(name, a.size(), a.lastModifiedTime().toInstant()));
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }

  /** Deletes the file {@code name}; false if there is none. */
  boolean delete(String name) throws IOException {
    return Files.deleteIfExists(resolve(name));
  }

  /** Writes {@code data} as {@code name} (owner-only), replacing it. */
  void write(String name, byte[] data) throws IOException {
    OwnerOnlyFiles.write(resolve(name), data);
  }

  /** The content of {@code name}, at most {@link #MAX_FILE_BYTES}. */
  byte[] read(String name) throws IOException {
    Path f = resolve(name);
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      throw new java.nio.file.NoSuchFileException(name + " is not in your file area");
    }
    return org.openstc.identity.internal.SmallFiles.read(f, (int) MAX_FILE_BYTES);
  }
}
