package org.openstc.partition.store;

import org.openstc.command.MalformedCommandException;
import org.openstc.command.ObjectBodies.Entry;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * One object's record in {@code objects}: {@code u8 type || string label || bytes sealed || u64
 * createdMillis}. {@code sealed} is the keyset of a key object or the value of a certificate or
 * data object, encrypted by the partition key. Records written before the creation time existed
 * end after {@code sealed} and read as created at 0.
 */
record StoredObject(Entry entry, byte[] sealed, long createdMillis) {
  /** The largest sealed field: a 64 KiB value plus the partition AEAD's overhead, with room. */
  private static final int MAX_SEALED = 1 << 17;

  byte[] encode() {
    return new WireWriter().u8(entry.type().code()).string(entry.label()).bytes(sealed).u64(createdMillis)
        .toByteArray();
  }

  static StoredObject decode(long handle, byte[] v) throws StoreException {
    try {
      WireReader in = new WireReader(v);
      ObjectType type = ObjectType.fromCode(in.u8());
      String label = in.string(256);
      byte[] sealed = in.bytes(MAX_SEALED);
      long created = in.remaining() == 0 ? 0 : in.u64();
      in.end();
      return new StoredObject(new Entry(handle, type, label, sealed.length), sealed, created);
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("object " + handle, e);
    }
  }
}
