package org.openstc.partition.store;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openstc.command.CkResult;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.crypto.SecretBytes;
import org.openstc.stc.StaticKeyAgreement;

/**
 * One partition as a partition backup holds it: the host it was taken on, its record, its
 * partition keyset <em>in clear</em> (so another host can wrap it under its own master key; the
 * image is only ever written inside a backup's encryption), and its rows of the per-partition
 * tables (registrations, roles, objects, policies and cloning domain), each key without the serial
 * that starts it. {@link #destroy} wipes the keyset.
 */
public final class PartitionImage {
  /** The largest encoded image (the whole host store's map is 1 GiB). */
  public static final int MAX_BYTES = 256 << 20;
  private static final int FORMAT = 1;
  private static final int MAX_ROWS = 1 << 22;

  /** The tables a partition has rows in, by their code in the image. */
  enum Part {
    CLIENTS(1), CLIENTS_BY_FINGERPRINT(2), ROLES(3), OBJECTS(4), POLICIES(5);

    final int code;

    Part(int code) {
      this.code = code;
    }

    static Part of(int code) throws MalformedCommandException {
      for (Part p : values()) {
        if (p.code == code) {
          return p;
        }
      }
      throw new MalformedCommandException("unknown table code " + code);
    }
  }

  /** One row: the table, the key after the serial, the value. */
  record Row(Part part, byte[] suffix, byte[] value) {}

  private final long hostSerial;
  private final PartitionRecord record;
  private final byte[] clearKeyset;
  private final List<Row> rows;

  PartitionImage(long hostSerial, PartitionRecord record, byte[] clearKeyset, List<Row> rows) {
    this.hostSerial = hostSerial;
    this.record = record;
    this.clearKeyset = clearKeyset;
    this.rows = List.copyOf(rows);
  }

  /** The serial of the host the partition was backed up from. */
  public long hostSerial() {
    return hostSerial;
  }

  public PartitionRecord record() {
    return record;
  }

  byte[] clearKeyset() {
    return clearKeyset;
  }

  List<Row> rows() {
    return rows;
  }

  long count(Part part) {
    return rows.stream().filter(r -> r.part() == part).count();
  }

  /** The encoded image: a secret (it holds the partition keyset in clear); the caller wipes it. */
  public byte[] encode() {
    WireWriter w = new WireWriter().u8(FORMAT).u64(hostSerial).bytes(record.encode())
        .bytes(clearKeyset).u32(rows.size());
    for (Row r : rows) {
      w.u8(r.part().code).bytes(r.suffix()).bytes(r.value());
    }
    byte[] out = w.toByteArray();
    w.wipe();
    if (out.length > MAX_BYTES) {
      SecretBytes.wipe(out);
      throw new IllegalStateException("partition " + record.name() + " is larger than a partition"
          + " backup may be (" + MAX_BYTES + " bytes)");
    }
    return out;
  }

  /** Reads an image; anything malformed is refused as a damaged backup (CKR_DEVICE_ERROR). */
  public static PartitionImage decode(byte[] encoded) throws StoreException {
    try {
      WireReader in = new WireReader(encoded);
      if (in.u8() != FORMAT) {
        throw new MalformedCommandException("unknown partition image format");
      }
      long host = in.u64();
      PartitionRecord record = PartitionRecord.decode(in.bytes(1 << 16));
      byte[] keyset = in.bytes(4096);
      long n = in.u32();
      if (n > MAX_ROWS) {
        throw new MalformedCommandException(n + " rows is more than an image holds");
      }
      List<Row> rows = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        rows.add(new Row(Part.of(in.u8()), in.bytes(1024), in.bytes(1 << 20)));
      }
      in.end();
      return new PartitionImage(host, record, keyset, rows);
    } catch (MalformedCommandException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "the partition image is damaged: "
          + e.getMessage());
    }
  }

  /**
   * Checks the image whole: the keyset opens the identity key (which matches the public key) and
   * every object, and the rows agree with the record's counts. Refused: CKR_DEVICE_ERROR.
   */
  public void verify() throws StoreException {
    PartitionRecord p = record;
    Aead key = aead(clearKeyset);
    StaticKeyAgreement identity = IdentityKeys.decrypt(key, p.serial(), p.keyType(),
        p.encryptedPrivateKey());
    try {
      if (!Arrays.equals(identity.publicKey(), p.publicKey())) {
        throw damaged("its identity key does not match the partition's public key");
      }
    } finally {
      identity.destroy();
    }
    long bytes = 0;
    for (Row r : rows) {
      if (r.part() == Part.OBJECTS) {
        bytes += checkObject(key, p, r);
      }
    }
    long clients = count(Part.CLIENTS);
    if (clients != p.clientCount() || count(Part.CLIENTS_BY_FINGERPRINT) != clients
        || count(Part.OBJECTS) != p.objectCount() || bytes != p.objectBytes()) {
      throw damaged("its rows do not match the partition's counts");
    }
  }

  private static long checkObject(Aead key, PartitionRecord p, Row r) throws StoreException {
    if (r.suffix().length != 4) {
      throw damaged("an object key is malformed");
    }
    long handle = Bytes.readU32(r.suffix());
    StoredObject o = StoredObject.decode(handle, r.value());
    if (handle >= p.nextHandle()) {
      throw damaged("object " + handle + " is beyond the partition's next handle");
    }
    if (o.entry().type().isKey()) {
      ObjectCrypto.load(o.entry().type(), o.sealed(), key, Bytes.key(p.serial(), handle));
    } else {
      ObjectValues.open(key, p.serial(), handle, o.sealed());
    }
    return o.entry().storedBytes();
  }

  private static Aead aead(byte[] clearKeyset) throws StoreException {
    try {
      return HostKeys.aead(TinkProtoKeysetFormat.parseKeyset(clearKeyset,
          InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException e) {
      throw damaged("its partition key is not a partition keyset");
    }
  }

  private static StoreException damaged(String why) {
    return new StoreException(CkResult.CKR_DEVICE_ERROR, "the partition backup is damaged: " + why);
  }

  /** Wipes the partition keyset. */
  public void destroy() {
    Arrays.fill(clearKeyset, (byte) 0);
  }
}
