package org.openstc.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PKCS#11 object seen through a partition object. An AES key, a certificate or a data
 * object is one PKCS#11 object; an EC P-256 or Ed25519 key is a pair, private and public, with
 * the same CKA_ID and CKA_LABEL. Handles: {@code partitionHandle << 1} for the private, secret,
 * certificate or data object, {@code | 1} for the public half. CKA_ID is the partition handle
 * (4 bytes, big-endian); a certificate takes the CKA_ID of the key with its label, so a JCA
 * key entry and its certificate pair up.
 */
final class P11Object {
  /** DER of the named curve P-256 (prime256v1, 1.2.840.10045.3.1.7). */
  static final byte[] P256_PARAMS = HexFormat.of().parseHex("06082a8648ce3d030107");
  /** DER of the Ed25519 OID (1.3.101.112). */
  static final byte[] ED25519_PARAMS = HexFormat.of().parseHex("06032b6570");
  private static final byte[] P256_SPKI_HEADER =
      HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");
  private static final byte[] ED25519_SPKI_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");

  private final Backend.Entry entry;
  private final boolean publicHalf;
  private final byte[] id;
  private final Map<Long, Attribute> attributes = new LinkedHashMap<>();

  P11Object(Backend.Entry entry, boolean publicHalf, byte[] id) {
    this.entry = entry;
    this.publicHalf = publicHalf;
    this.id = id.clone();
    build();
  }

  static long handleOf(long partitionHandle, boolean publicHalf) {
    return (partitionHandle << 1) | (publicHalf ? 1 : 0);
  }

  static long partitionHandle(long p11Handle) {
    return p11Handle >>> 1;
  }

  static boolean isPublicHalf(long p11Handle) {
    return (p11Handle & 1) == 1;
  }

  /** The CKA_ID of a partition object: its handle as 4 bytes. */
  static byte[] idOf(long partitionHandle) {
    return new byte[] {(byte) (partitionHandle >>> 24), (byte) (partitionHandle >>> 16),
        (byte) (partitionHandle >>> 8), (byte) partitionHandle};
  }

  static boolean isKeyPair(Backend.Kind kind) {
    return kind == Backend.Kind.EC_P256 || kind == Backend.Kind.ED25519;
  }

  long handle() {
    return handleOf(entry.handle(), publicHalf);
  }

  Backend.Entry entry() {
    return entry;
  }

  boolean publicHalf() {
    return publicHalf;
  }

  /** True for a private or secret key: values never leave the partition. */
  boolean sensitive() {
    return !publicHalf && entry.kind() != Backend.Kind.CERTIFICATE
        && entry.kind() != Backend.Kind.DATA;
  }

  /** True when CKA_VALUE is stored in the partition and read with OBJECT_VALUE. */
  boolean valueInPartition() {
    return entry.kind() == Backend.Kind.CERTIFICATE || entry.kind() == Backend.Kind.DATA;
  }

  /** The attribute, or null if this object has no such attribute (CKA_VALUE: see callers). */
  Attribute attribute(long type) {
    return attributes.get(type);
  }

  /** The EC point of the public key as CKA_EC_POINT: a DER OCTET STRING. */
  byte[] ecPoint() {
    byte[] spki = entry.publicKeySpki();
    byte[] header = entry.kind() == Backend.Kind.EC_P256 ? P256_SPKI_HEADER : ED25519_SPKI_HEADER;
    int keyLength = entry.kind() == Backend.Kind.EC_P256 ? 65 : 32;
    if (spki.length != header.length + keyLength
        || !Arrays.equals(spki, 0, header.length, header, 0, header.length)) {
      return null;
    }
    byte[] out = new byte[2 + keyLength];
    out[0] = 0x04;
    out[1] = (byte) keyLength;
    System.arraycopy(spki, header.length, out, 2, keyLength);
    return out;
  }

  private void build() {
    Backend.Kind kind = entry.kind();
    ulong(Ck.CKA_CLASS, objectClass());
    bool(Ck.CKA_TOKEN, true);
    bool(Ck.CKA_PRIVATE, sensitive());
    bool(Ck.CKA_MODIFIABLE, false);
    attributes.put(Ck.CKA_LABEL, Attribute.ofBytes(Ck.CKA_LABEL,
        entry.label().getBytes(StandardCharsets.UTF_8)));
    if (kind == Backend.Kind.DATA) {
      attributes.put(Ck.CKA_APPLICATION, Attribute.ofBytes(Ck.CKA_APPLICATION, new byte[0]));
      return;
    }
    attributes.put(Ck.CKA_ID, Attribute.ofBytes(Ck.CKA_ID, id));
    if (kind == Backend.Kind.CERTIFICATE) {
      ulong(Ck.CKA_CERTIFICATE_TYPE, Ck.CKC_X_509);
      return;
    }
    ulong(Ck.CKA_KEY_TYPE, kind == Backend.Kind.AES ? Ck.CKK_AES
        : kind == Backend.Kind.EC_P256 ? Ck.CKK_EC : Ck.CKK_EC_EDWARDS);
    bool(Ck.CKA_DERIVE, false);
    bool(Ck.CKA_WRAP, false);
    bool(Ck.CKA_UNWRAP, false);
    bool(Ck.CKA_SIGN_RECOVER, false);
    bool(Ck.CKA_VERIFY_RECOVER, false);
    if (kind == Backend.Kind.AES) {
      ulong(Ck.CKA_VALUE_LEN, 32);
      bool(Ck.CKA_ENCRYPT, true);
      bool(Ck.CKA_DECRYPT, true);
      bool(Ck.CKA_SIGN, false);
      bool(Ck.CKA_VERIFY, false);
    } else {
      bool(Ck.CKA_SIGN, !publicHalf);
      bool(Ck.CKA_VERIFY, publicHalf);
      bool(Ck.CKA_ENCRYPT, false);
      bool(Ck.CKA_DECRYPT, false);
      attributes.put(Ck.CKA_EC_PARAMS, Attribute.ofBytes(Ck.CKA_EC_PARAMS,
          kind == Backend.Kind.EC_P256 ? P256_PARAMS : ED25519_PARAMS));
      byte[] point = ecPoint();
      if (point != null) {
        attributes.put(Ck.CKA_EC_POINT, Attribute.ofBytes(Ck.CKA_EC_POINT, point));
      }
    }
    if (sensitive()) {
      bool(Ck.CKA_SENSITIVE, true);
      bool(Ck.CKA_ALWAYS_SENSITIVE, true);
      bool(Ck.CKA_EXTRACTABLE, false);
      bool(Ck.CKA_NEVER_EXTRACTABLE, true);
      bool(Ck.CKA_ALWAYS_AUTHENTICATE, false);
    }
  }

  private long objectClass() {
    switch (entry.kind()) {
      case AES:
        return Ck.CKO_SECRET_KEY;
      case CERTIFICATE:
        return Ck.CKO_CERTIFICATE;
      case DATA:
        return Ck.CKO_DATA;
      default:
        return publicHalf ? Ck.CKO_PUBLIC_KEY : Ck.CKO_PRIVATE_KEY;
    }
  }

  private void bool(long type, boolean value) {
    attributes.put(type, Attribute.ofBool(type, value));
  }

  private void ulong(long type, long value) {
    attributes.put(type, Attribute.ofUlong(type, value));
  }
}
