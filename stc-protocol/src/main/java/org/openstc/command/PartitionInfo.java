package org.openstc.command;

import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.stc.KeyType;

/**
 * The {@link Opcode#PARTITION_INFO} response: {@code string name || u64 serial || string label ||
 * bool initialized || u8 keyType || u64 size || u64 used || u32 clients || u32 objects ||
 * string fingerprint}. Also what {@code stcsh partition show} prints.
 */
public record PartitionInfo(String name, long serial, String label, boolean initialized,
    KeyType keyType, long sizeBytes, long usedBytes, int clients, int objects, String fingerprint) {

  /** Storage one client registration uses (Luna: 2392 bytes). */
  public static final int REGISTRATION_BYTES = 2392;

  public long freeBytes() {
    return Math.max(0, sizeBytes - usedBytes);
  }

  /** How many more client registrations fit: floor(free / 2392). */
  public long moreClientsFit() {
    return freeBytes() / REGISTRATION_BYTES;
  }

  public byte[] encode() {
    return new WireWriter().string(name).u64(serial).string(label).bool(initialized)
        .u8(keyType.code()).u64(sizeBytes).u64(usedBytes).u32(clients).u32(objects)
        .string(fingerprint).toByteArray();
  }

  public static PartitionInfo decode(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    PartitionInfo info = new PartitionInfo(in.string(256), in.u64(), in.string(256), in.bool(),
        ClientBodies.keyType(in.u8()), in.u64(), in.u64(), (int) in.u32(), (int) in.u32(),
        in.string(128));
    in.end();
    return info;
  }
}
