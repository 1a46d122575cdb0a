package org.openstc.cli.stcsh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.common.session.Session;
import org.openstc.partition.store.AuditLog;
import org.openstc.partition.store.StoreException;
import org.apache.sshd.scp.common.ScpTransferEventListener;
import org.apache.sshd.scp.common.helpers.DefaultScpFileOpener;
import org.apache.sshd.scp.common.helpers.ScpTimestampCommandDetails;

/**
 * scp inside an account's {@link FileArea} (the session's file system is rooted at the area): the
 * path the client names on the host is the area itself ({@code admin@host:} or
 * {@code admin@host:.}) or one plain file name ({@link FileArea#checkName}); {@code ..}, absolute
 * paths, subdirectories, {@code -r}, symbolic links and files over
 * {@link FileArea#MAX_FILE_BYTES} are refused with a message the scp client prints. Each file sent
 * or received, and each refusal, is an audit line ({@code scp upload|download NAME}).
 */
final class ScpArea extends DefaultScpFileOpener implements ScpTransferEventListener {
  private final Path home;

  ScpArea(Path home) {
    this.home = home;
  }

  @Override
  public Path resolveLocalPath(Session session, FileSystem fs, String commandPath)
      throws IOException {
    String p = commandPath == null ? "" : commandPath;
    if (p.isEmpty() || p.equals(".")) {
      return fs.getPath(".");
    }
    try {
      FileArea.checkName(p);
    } catch (IOException e) {
      audit(session, "scp " + p, "refused: " + e.getMessage());
      throw e;
    }
    return fs.getPath(p);
  }

  @Override
  public void endFileEvent(Session session, FileOperation op, Path file, long length,
      Set<PosixFilePermission> perms, Throwable thrown) {
    audit(session, (op == FileOperation.RECEIVE ? "scp upload " : "scp download ")
        + file.getFileName() + " (" + length + " bytes)",
        thrown == null ? "0 (Success)" : "failed: " + thrown.getMessage());
  }

  private void audit(Session session, String what, String result) {
    try {
      AuditLog.append(home, session.getUsername(), what, result);
    } catch (StoreException e) {
      // the transfer's outcome stands; the audit commands report a failing log
    }
  }

  @Override
  public Path resolveIncomingReceiveLocation(Session session, Path path, boolean recursive,
      boolean shouldBeDir, boolean preserve) throws IOException {
    if (recursive) {
      throw new IOException("scp -r is refused: the file area has no directories");
    }
    return super.resolveIncomingReceiveLocation(session, path, recursive, shouldBeDir, preserve);
  }

  @Override
  public Path resolveIncomingFilePath(Session session, Path localPath, String name,
      boolean preserve, Set<PosixFilePermission> permissions, ScpTimestampCommandDetails time)
      throws IOException {
    try {
      FileArea.checkName(name);
    } catch (IOException e) {
      audit(session, "scp upload " + name, "refused: " + e.getMessage());
      throw e;
    }
    Path target = Files.isDirectory(localPath, LinkOption.NOFOLLOW_LINKS)
        ? localPath.resolve(name) : localPath;
    return checkFile(session, target, "scp upload ");
  }

  @Override
  public Path resolveOutgoingFilePath(Session session, Path localPath, LinkOption... options)
      throws IOException {
    Path file = checkFile(session, localPath, "scp download ");
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file.getFileName() + ": no such file in your area");
    }
    return file;
  }

  @Override
  public OutputStream openWrite(Session session, Path file, long size,
      Set<PosixFilePermission> permissions, OpenOption... options) throws IOException {
    if (size > FileArea.MAX_FILE_BYTES) {
      IOException e = new IOException(file.getFileName() + " is " + size + " bytes; files in the"
          + " area are at most " + FileArea.MAX_FILE_BYTES + " bytes");
      audit(session, "scp upload " + file.getFileName(), "refused: " + e.getMessage());
      throw e;
    }
    return super.openWrite(session, checkFile(session, file, "scp upload "), size, permissions,
        options);
  }

  /** An uploaded file is owner-only, whatever mode the client sent. */
  @Override
  public void closeWrite(Session session, Path file, long size,
      Set<PosixFilePermission> permissions, OutputStream stream) throws IOException {
    super.closeWrite(session, file, size, permissions, stream);
    Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE));
  }

  /** {@code file} if it is a plain name at the top of the area, not a link or directory. */
  private Path checkFile(Session session, Path file, String what) throws IOException {
    try {
      return checkFile(file);
    } catch (IOException e) {
      audit(session, what + file.getFileName(), "refused: " + e.getMessage());
      throw e;
    }
  }

  private static Path checkFile(Path file) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    if (abs.getNameCount() != 1) {
      throw new IOException(file + ": only files at the top of your area are served");
    }
    FileArea.checkName(abs.getFileName().toString());
    if (Files.isSymbolicLink(abs)) {
      throw new IOException(abs.getFileName() + " is a symbolic link; links are refused");
    }
    if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(abs.getFileName() + " is a directory; refused");
    }
    return abs;
  }
}
