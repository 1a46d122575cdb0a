package org.openstc.identity.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates directories (0700) and files (0600) that only their owner can read, on POSIX file
 * systems; elsewhere the platform defaults apply. Files are written atomically and durably: a
 * temporary file with a unique name in the same directory, created owner-only (never widened then
 * narrowed), written and synced, renamed over the target, then the directory synced; a reader never
 * sees half a file and a crash leaves the old or the new one. The one such writer: the identity
 * files, the token and the host store all use it (stc-protocol, which cannot depend on LMDB).
 *
 * <p>Internal: not API; may change without notice.
 */
public final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /** Creates {@code dir} and any missing parents owner-only; an existing directory is tightened. */
  public static Path createDirectories(Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, attributes(DIR));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
    restrict(dir, DIR);
    return dir;
  }

  /** Writes {@code data} to {@code file} (0600), replacing it atomically and durably. */
  public static void write(Path file, byte[] data) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes(FILE));
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
          out.write(b);
        }
        out.force(true);
      }
      move(tmp, file);
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Tightens an existing file to 0600 (for files created by a library, such as LMDB's). */
  public static void restrictFile(Path file) throws IOException {
    restrict(file, FILE);
  }

  private static void move(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Makes the rename durable; only POSIX systems can open a directory to sync it. */
  private static void syncDirectory(Path dir) throws IOException {
    if (isPosix(dir)) {
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    }
  }

  private static void restrict(Path p, Set<PosixFilePermission> perms) throws IOException {
    if (isPosix(p)) {
      Files.setPosixFilePermissions(p, perms);
    }
  }

  private static FileAttribute<?>[] attributes(Set<PosixFilePermission> perms) {
    return posixDefault()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static boolean posixDefault() {
    return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
