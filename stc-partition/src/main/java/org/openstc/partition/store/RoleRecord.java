package org.openstc.partition.store;

import org.openstc.command.MalformedCommandException;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * A role's PIN as stored: Argon2id salt, costs and hash, and the consecutive failure count. Format 1
 * (one lane, implied) is still read; new records are format 2, which stores the lane count.
 */
record RoleRecord(byte[] salt, int memoryKiB, int iterations, int parallelism, byte[] hash,
    int failures) {
  private static final int FORMAT_ONE_LANE = 1;
  private static final int FORMAT = 2;

  RoleRecord withFailures(int count) {
    return new RoleRecord(salt, memoryKiB, iterations, parallelism, hash, count);
  }

  boolean sameSecret(RoleRecord other) {
    return java.util.Arrays.equals(hash, other.hash) && java.util.Arrays.equals(salt, other.salt);
  }

  byte[] encode() {
    return new WireWriter().u8(FORMAT).bytes(salt).u32(memoryKiB).u32(iterations).u8(parallelism)
        .bytes(hash).u8(failures).toByteArray();
  }

  static RoleRecord decode(byte[] value) throws StoreException {
    try {
      WireReader in = new WireReader(value);
      int format = in.u8();
      if (format != FORMAT && format != FORMAT_ONE_LANE) {
        throw new MalformedCommandException("unknown role record format");
      }
      byte[] salt = in.bytes(64);
      int memory = (int) in.u32();
      int iterations = (int) in.u32();
      int lanes = format == FORMAT ? in.u8() : 1;
      if (lanes < 1) {
        throw new MalformedCommandException("role record with no Argon2 lane");
      }
      RoleRecord r = new RoleRecord(salt, memory, iterations, lanes, in.bytes(64), in.u8());
      in.end();
      return r;
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("role record", e);
    }
  }
}
