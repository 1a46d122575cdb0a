package org.openstc.partition.store;

import org.openstc.command.MalformedCommandException;
import org.openstc.command.PartitionInfo;
import org.openstc.command.StcSettings;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;

/**
 * One partition as stored (value of the {@code partitions} database, keyed by name). Immutable;
 * the {@code with*} methods return changed copies. The counters ({@link #objectBytes},
 * {@link #clientCount}) change in the same transaction as the records they count, so
 * {@link #usedBytes()} never needs a scan.
 *
 * @param wrappedKey the partition's Tink keyset, encrypted by the host master key
 * @param encryptedPrivateKey the identity private key, encrypted by the partition key
 */
public record PartitionRecord(String name, long serial, String label, long sizeBytes,
    KeyType keyType, long createdMillis, boolean initialized, long objectBytes, int objectCount,
    int clientCount, long nextHandle, byte[] publicKey, byte[] wrappedKey,
    byte[] encryptedPrivateKey, ChannelPolicy policy) {

  private static final int FORMAT = 1;

  /** Objects' stored size plus 2392 bytes per registered client. */
  public long usedBytes() {
    return objectBytes + (long) PartitionInfo.REGISTRATION_BYTES * clientCount;
  }

  public long freeBytes() {
    return Math.max(0, sizeBytes - usedBytes());
  }

  PartitionRecord withSize(long size) {
    return new PartitionRecord(name, serial, label, size, keyType, createdMillis, initialized,
        objectBytes, objectCount, clientCount, nextHandle, publicKey, wrappedKey,
        encryptedPrivateKey, policy);
  }

  PartitionRecord withClients(int count) {
    return new PartitionRecord(name, serial, label, sizeBytes, keyType, createdMillis, initialized,
        objectBytes, objectCount, count, nextHandle, publicKey, wrappedKey, encryptedPrivateKey,
        policy);
  }

  PartitionRecord withObjects(long bytes, int count, long next) {
    return new PartitionRecord(name, serial, label, sizeBytes, keyType, createdMillis, initialized,
        bytes, count, clientCount, next, publicKey, wrappedKey, encryptedPrivateKey, policy);
  }

  PartitionRecord withInit(String newLabel) {
    return new PartitionRecord(name, serial, newLabel, sizeBytes, keyType, createdMillis, true,
        0, 0, clientCount, nextHandle, publicKey, wrappedKey, encryptedPrivateKey, policy);
  }

  PartitionRecord withPolicy(ChannelPolicy newPolicy) {
    return new PartitionRecord(name, serial, label, sizeBytes, keyType, createdMillis, initialized,
        objectBytes, objectCount, clientCount, nextHandle, publicKey, wrappedKey,
        encryptedPrivateKey, newPolicy);
  }

  byte[] encode() {
    return new WireWriter().u8(FORMAT).string(name).u64(serial).string(label).u64(sizeBytes)
        .u8(keyType.code()).u64(createdMillis).bool(initialized).u64(objectBytes)
        .u32(objectCount).u32(clientCount).u64(nextHandle).bytes(publicKey).bytes(wrappedKey)
        .bytes(encryptedPrivateKey).bytes(StcSettings.encode(policy)).toByteArray();
  }

  static PartitionRecord decode(byte[] value) throws StoreException {
    try {
      WireReader in = new WireReader(value);
      if (in.u8() != FORMAT) {
        throw new MalformedCommandException("unknown partition record format");
      }
      PartitionRecord r = new PartitionRecord(in.string(256), in.u64(), in.string(256), in.u64(),
          KeyType.fromCode(in.u8()), in.u64(), in.bool(), in.u64(), (int) in.u32(),
          (int) in.u32(), in.u64(), in.bytes(1024), in.bytes(4096), in.bytes(4096),
          StcSettings.decode(in.bytes(256)));
      in.end();
      return r;
    } catch (MalformedCommandException | IllegalArgumentException e) {
      throw StoreException.corrupt("partition record", e);
    }
  }

  @Override
  public String toString() {
    return "PartitionRecord[" + name + ", serial=" + serial + ", " + keyType.label() + "]";
  }
}
