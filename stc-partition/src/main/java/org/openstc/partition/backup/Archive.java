package org.openstc.partition.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.PinHasher;

/**
 * The archive inside a backup's {@link BackupCipher encryption}: entries, each a mark byte, a
 * name, a length and that many bytes, the {@link Manifest} first, then an end mark. Host and
 * partition backups are both such archives; the manifest's kind says which, and each restore
 * refuses the other kind by name.
 */
final class Archive {
  /** The largest entry (a host store's data file; its map is 1 GiB). */
  static final long MAX_ENTRY = 4L << 30;
  private static final int MAX_MANIFEST = 1 << 20;
  private static final int ENTRY = 1;
  private static final int END = 0;

  private Archive() {}

  /** Writes the entries after the manifest. */
  interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** Takes one entry: reads exactly {@code length} bytes of it from {@code in}. */
  interface Entries {
    void entry(String name, long length, DataInputStream in) throws IOException;
  }

  /** Writes {@code manifest} and {@code body} sealed to {@code file}: owner-only, atomically. */
  static void write(Path file, char[] password, PinHasher costs, Manifest manifest, Body body)
      throws IOException {
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    try {
      OwnerOnlyFiles.write(partial, new byte[0]);
      try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(partial));
          DataOutputStream out = new DataOutputStream(new SealedStreams.Writer(
              BackupCipher.create(password, costs), raw))) {
        entry(out, Manifest.NAME, manifest.encode());
        body.write(out);
        out.writeByte(END);
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  static void entry(DataOutputStream out, String name, byte[] bytes) throws IOException {
    out.writeByte(ENTRY);
    out.writeUTF(name);
    out.writeLong(bytes.length);
    out.write(bytes);
  }

  static void entry(DataOutputStream out, String name, Path file) throws IOException {
    out.writeByte(ENTRY);
    out.writeUTF(name);
    out.writeLong(Files.size(file));
    Files.copy(file, out);
  }

  /**
   * Reads {@code file} to its authenticated end, handing each entry after the manifest to
   * {@code entries}; refuses a manifest of another kind than {@code kind}. Returns the manifest.
   */
  static Manifest read(Path file, char[] password, String kind, Entries entries)
      throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        DataInputStream in = new DataInputStream(new SealedStreams.Reader(
            BackupCipher.read(raw, password), raw))) {
      Manifest manifest = null;
      while (in.readByte() == ENTRY) {
        String name = in.readUTF();
        long length = in.readLong();
        if (length < 0 || length > MAX_ENTRY) {
          throw new BackupException("the archive entry " + name + " has an impossible length");
        }
        if (manifest == null) {
          if (!Manifest.NAME.equals(name) || length > MAX_MANIFEST) {
            throw new BackupException("the archive does not start with its manifest");
          }
          manifest = Manifest.decode(in.readNBytes((int) length));
          manifest.requireKind(kind);
        } else {
          entries.entry(name, length, in);
        }
      }
      if (manifest == null) {
        throw new BackupException("the archive has no manifest");
      }
      if (in.read() != -1) {
        throw new BackupException("the archive has bytes after its end");
      }
      return manifest;
    } catch (EOFException e) {
      throw new BackupException("the archive inside the backup is cut short");
    }
  }
}
