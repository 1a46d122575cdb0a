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
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.StoreException;

/**
 * What a backup holds, inside its encryption: the format version, when it was taken, and each
 * partition's name, serial and the objects and registrations counted in the snapshot itself.
 * Restore counts the restored store again and requires the same.
 */
public record Manifest(int format, String created, List<Partition> partitions) {
  static final String NAME = "manifest.properties";

  /** One partition's counts. */
  public record Partition(String name, long serial, int objects, int registrations) {}

  /** Counts {@code store} (a snapshot) now. */
  static Manifest of(HostStore store) throws StoreException {
    List<Partition> parts = new ArrayList<>();
    for (PartitionRecord r : store.partitions().list()) {
      parts.add(new Partition(r.name(), r.serial(), store.objects().list(r.serial()).size(),
          store.registrations().list(r.serial()).size()));
    }
    return new Manifest(BackupCipher.FORMAT, Instant.now().toString(), List.copyOf(parts));
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
    p.setProperty("partitions", String.valueOf(partitions.size()));
    for (int i = 0; i < partitions.size(); i++) {
      Partition x = partitions.get(i);
      p.setProperty("partition." + i, x.name() + " " + x.serial() + " " + x.objects() + " "
          + x.registrations());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.store(out, "openstc host backup");
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
      return new Manifest(format, p.getProperty("created"), List.copyOf(parts));
    } catch (BackupException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new BackupException("the backup's manifest is not readable: " + e.getMessage());
    }
  }
}
