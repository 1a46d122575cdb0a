package org.openstc.partition.backup;

import java.io.IOException;
import java.nio.file.Path;
import org.openstc.crypto.SecretBytes;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionImage;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.StoreException;

/**
 * Backup and restore of one partition: its {@link PartitionImage} (record, partition keyset,
 * registrations, roles, objects, policies) as the one entry after the {@link Manifest} of an
 * {@link Archive}, encrypted by {@link BackupCipher} under the backup password. Taking and
 * restoring need the master key ({@link HostStore#partitionImages}); reading a backup needs only
 * its password and checks all of it ({@link PartitionImage#verify}) before anything is restored.
 */
public final class PartitionBackup {
  static final String IMAGE = "partition.image";

  private PartitionBackup() {}

  /** A partition backup read to its authenticated end and checked; {@link #destroy} it. */
  public record Opened(Manifest manifest, PartitionImage image) {
    public void destroy() {
      image.destroy();
    }
  }

  /** Writes a backup of partition {@code name} of {@code store} (unsealed) to {@code file}. */
  public static Manifest create(HostStore store, String name, Path file, char[] password,
      PinHasher costs) throws IOException, StoreException {
    PartitionImage image = store.partitionImages().take(name);
    byte[] encoded = null;
    try {
      encoded = image.encode();
      byte[] entry = encoded;
      Manifest manifest = Manifest.of(image);
      Archive.write(file, password, costs, manifest, out -> Archive.entry(out, IMAGE, entry));
      return manifest;
    } finally {
      image.destroy();
      SecretBytes.wipe(encoded);
    }
  }

  /** Reads and checks {@code file}; refuses a damaged, truncated or host backup. */
  public static Opened read(Path file, char[] password) throws IOException {
    byte[][] encoded = new byte[1][];
    try {
      Manifest manifest = Archive.read(file, password, Manifest.PARTITION, (name, length, in) -> {
        if (!IMAGE.equals(name) || encoded[0] != null || length > PartitionImage.MAX_BYTES) {
          throw new BackupException("the archive holds an unexpected entry " + name);
        }
        encoded[0] = in.readNBytes((int) length);
        if (encoded[0].length != length) {
          throw new BackupException("the archive entry " + name + " is cut short");
        }
      });
      if (encoded[0] == null) {
        throw new BackupException("the archive has no partition image");
      }
      PartitionImage image = PartitionImage.decode(encoded[0]);
      try {
        check(manifest, image);
        return new Opened(manifest, image);
      } catch (BackupException | StoreException | RuntimeException e) {
        image.destroy();
        throw e;
      }
    } catch (StoreException e) {
      throw new BackupException(e.getMessage());
    } finally {
      SecretBytes.wipe(encoded[0]);
    }
  }

  private static void check(Manifest manifest, PartitionImage image) throws BackupException,
      StoreException {
    PartitionRecord r = image.record();
    Manifest.Partition counted = new Manifest.Partition(r.name(), r.serial(), r.objectCount(),
        r.clientCount());
    if (manifest.host() != image.hostSerial() || !manifest.partitions().equals(
        java.util.List.of(counted))) {
      throw new BackupException("the partition in the backup does not match its manifest");
    }
    image.verify();
  }
}
