package org.openstc.partition.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Hsm;
import org.openstc.partition.store.PartitionImage;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.StoreException;

/**
 * What a backup holds, inside its encryption: the format version, when it was taken, its kind (a
 * whole {@link #HOST host} or one {@link #PARTITION partition}), the serial of the host it was
 * taken on, and each partition's name, serial and the objects and registrations counted in the
 * snapshot itself. Restore counts what it restored again and requires the same. A manifest
 * without a kind or host (the first host backups) is a host backup of an unknown host (0).
 */
public record Manifest(int format, String created, String kind, long host,
    List<Partition> partitions) {
  static final String NAME = "manifest.properties";
  public static final String HOST = "host";
  public static final String PARTITION = "partition";

  /** One partition's counts. */
  public record Partition(String name, long serial, int objects, int registrations) {}

  /** Counts {@code store} (a snapshot) now. */
  static Manifest of(HostStore store) throws StoreException {
    List<Partition> parts = new ArrayList<>();
    for (PartitionRecord r : store.partitions().list()) {
      parts.add(new Partition(r.name(), r.serial(), store.objects().list(r.serial()).size(),
          store.registrations().list(r.serial()).size()));
    }
    return new Manifest(BackupCipher.FORMAT, Instant.now().toString(), HOST,
        Hsm.record(store.home()).serial(), List.copyOf(parts));
  }

  /** The manifest of a partition backup of {@code image}. */
  static Manifest of(PartitionImage image) {
    PartitionRecord r = image.record();
    return new Manifest(BackupCipher.FORMAT, Instant.now().toString(), PARTITION,
        image.hostSerial(), List.of(new Partition(r.name(), r.serial(), r.objectCount(),
            r.clientCount())));
  }

  /** Refuses a backup of another kind, naming the command that restores it. */
  void requireKind(String wanted) throws BackupException {
    if (!kind.equals(wanted)) {
      throw new BackupException(kind.equals(HOST)
          ? "this is a backup of a whole host: restore it with hsm restore"
          : "this is a backup of partition " + partitions.get(0).name() + ": restore it with "
              + "partition restore");
    }
  }

  /** Whether {@code other} holds the same partitions with the same counts. */
  boolean sameContents(Manifest other) {
    return partitions.equals(other.partitions);
  }

  public int objects() {
    return partitions.stream().mapToInt(Partition::objects).sum();
  }

  public int registrations() {
    return partitions.stream().mapToInt(Partition::registrations).sum();
  }

  byte[] encode() throws IOException {
    Properties p = new Properties();
    p.setProperty("format", String.valueOf(format));
    p.setProperty("created", created);
    p.setProperty("kind", kind);
    p.setProperty("host", String.valueOf(host));
    p.setProperty("partitions", String.valueOf(partitions.size()));
    for (int i = 0; i < partitions.size(); i++) {
      Partition x = partitions.get(i);
      p.setProperty("partition." + i, x.name() + " " + x.serial() + " " + x.objects() + " "
          + x.registrations());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, "openstc backup");
    return out.toByteArray();
  }

  static Manifest decode(byte[] bytes) throws BackupException {
    try {
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(new ByteArrayInputStream(bytes),
          StandardCharsets.ISO_8859_1));
      int format = Integer.parseInt(p.getProperty("format"));
      if (format != BackupCipher.FORMAT) {
        throw new BackupException("the backup's manifest has format " + format + " (this version "
            + "reads " + BackupCipher.FORMAT + ")");
      }
      int n = Integer.parseInt(p.getProperty("partitions"));
      List<Partition> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String[] f = p.getProperty("partition." + i).split(" ");
        parts.add(new Partition(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2]),
            Integer.parseInt(f[3])));
      }
      String kind = p.getProperty("kind", HOST);
      if (!kind.equals(HOST) && !(kind.equals(PARTITION) && parts.size() == 1)) {
        throw new BackupException("the backup's manifest has an unknown kind " + kind);
      }
      return new Manifest(format, p.getProperty("created"), kind,
          Long.parseLong(p.getProperty("host", "0")), List.copyOf(parts));
    } catch (BackupException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BackupException("the backup's manifest is not readable: " + e.getMessage());
    }
  }
}
