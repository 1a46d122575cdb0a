package org.openstc.partition.store;

import org.openstc.command.MalformedCommandException;
import org.openstc.command.WireReader;
import org.openstc.command.WireWriter;

/** A role's PIN as stored: Argon2id salt, costs and hash, and the consecutive failure count. */
record RoleRecord(byte[] salt, int memoryKiB, int iterations, byte[] hash, int failures) {
  private static final int FORMAT = 1;

  RoleRecord withFailures(int count) {
    return new RoleRecord(salt, memoryKiB, iterations, hash, count);
  }

  boolean sameSecret(RoleRecord other) {
    return java.util.Arrays.equals(hash, other.hash) && java.util.Arrays.equals(salt, other.salt);
  }

  byte[] encode() {
    return new WireWriter().u8(FORMAT).bytes(salt).u32(memoryKiB).u32(iterations).bytes(hash)
        .u8(failures).toByteArray();
  }

  static RoleRecord decode(byte[] value) throws StoreException {
    try {
      WireReader in = new WireReader(value);
      if (in.u8() != FORMAT) {
        throw new MalformedCommandException("unknown role record format");
      }
      RoleRecord r = new RoleRecord(in.bytes(64), (int) in.u32(), (int) in.u32(), in.bytes(64), in.u8());
      in.end();
      return r;
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("role record", e);
    }
  }
}
