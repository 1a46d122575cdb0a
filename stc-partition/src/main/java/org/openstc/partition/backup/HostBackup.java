package org.openstc.partition.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Hsm;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.StoreException;

/**
 * Backup and restore of a whole host home. A backup is a {@link HostStore#copyTo snapshot} (the
 * store's compacting copy, taken while the service runs, and the key files), archived as a
 * {@link Manifest} and the snapshot's files, encrypted by {@link BackupCipher}. Restore decrypts
 * into a directory inside the home, opens it as a home and counts it against the manifest, and only
 * then moves the home's store and key files aside (to {@code replaced-TIME/}) and the restored
 * ones in; any failure before that leaves the home as it was.
 */
public final class HostBackup {
  private HostBackup() {}

  /** Writes a backup of {@code store} to {@code file} (owner-only, replaced atomically). */
  public static Manifest create(HostStore store, Path file, char[] password, PinHasher costs)
      throws IOException, StoreException {
    Path snapshot = scratch(store.home(), ".backup-");
    try {
      store.copyTo(snapshot);
      Manifest manifest;
      try (HostStore copy = HostStore.open(snapshot)) {
        manifest = Manifest.of(copy);
      }
      Archive.write(file, password, costs, manifest, out -> {
        for (Path f : files(snapshot)) {
          Archive.entry(out, snapshot.relativize(f).toString(), f);
        }
      });
      return manifest;
    } finally {
      delete(snapshot);
    }
  }

  /** Reads and checks {@code file} completely without changing anything; returns its manifest. */
  public static Manifest verify(Path file, char[] password, Path scratchParent)
      throws IOException, StoreException {
    Path restored = scratch(scratchParent, ".verify-");
    try {
      return unpackAndCheck(file, password, restored);
    } finally {
      delete(restored);
    }
  }

  /**
   * Restores {@code file} onto {@code home} (created owner-only if missing), which no process may
   * be using; returns the manifest. Everything is checked before the home is touched.
   */
  public static Manifest restore(Path file, char[] password, Path home)
      throws IOException, StoreException {
    OwnerOnlyFiles.createDirectories(home);
    Path restored = scratch(home, ".restore-");
    try {
      Manifest manifest = unpackAndCheck(file, password, restored);
      Path aside = home.resolve("replaced-" + System.currentTimeMillis());
      List<Path> top;
      try (Stream<Path> s = Files.list(restored)) {
        top = s.toList();
      }
      for (Path p : top) {
        Path target = home.resolve(p.getFileName().toString());
        if (Files.exists(target)) {
          OwnerOnlyFiles.createDirectories(aside);
          Files.move(target, aside.resolve(p.getFileName().toString()));
        }
        Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return manifest;
    } finally {
      delete(restored);
    }
  }

  private static Manifest unpackAndCheck(Path file, char[] password, Path into)
      throws IOException, StoreException {
    Manifest manifest = unpack(file, password, into);
    try (HostStore store = HostStore.open(into)) {
      Manifest found = Manifest.of(store);
      if (!found.sameContents(manifest)) {
        throw new BackupException("the restored store does not match the backup's manifest ("
            + found.partitions() + " against " + manifest.partitions() + ")");
      }
    }
    // The partition keys are wrapped by the sealed master key, which only the HSM SO can open: the
    // check here is that the sealed key and the host record are whole (every byte was already
    // authenticated by the archive's AEAD); the first unseal after the restore opens them.
    Hsm.requireInitialized(into);
    try {
      Hsm.record(into);
    } catch (StoreException e) {
      throw new BackupException("the backup's host record is damaged: " + e.getMessage());
    }
    return manifest;
  }

  private static Manifest unpack(Path file, char[] password, Path into) throws IOException {
    return Archive.read(file, password, Manifest.HOST, (name, length, in) -> {
      Path target = into.resolve(name).normalize();
      if (!target.startsWith(into) || target.equals(into) || Path.of(name).isAbsolute()) {
        throw new BackupException("the archive names a file outside the home: " + name);
      }
      OwnerOnlyFiles.createDirectories(target.getParent());
      OwnerOnlyFiles.write(target, new byte[0]);
      try (OutputStream out = Files.newOutputStream(target)) {
        if (copy(in, out, length) != length) {
          throw new BackupException("the archive entry " + name + " is cut short");
        }
      }
    });
  }

  private static long copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long done = 0;
    while (done < length) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - done));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
      done += n;
    }
    return done;
  }

  private static Path scratch(Path parent, String prefix) throws IOException {
    OwnerOnlyFiles.createDirectories(parent);
    return OwnerOnlyFiles.createDirectories(parent.resolve(prefix + System.nanoTime()));
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      // lock.mdb is LMDB's reader table: per process, never part of a copy.
      return new ArrayList<>(s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("lock.mdb")).sorted().toList());
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
