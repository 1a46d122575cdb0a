package org.openstc.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the templates of C_CreateObject, C_GenerateKey and C_GenerateKeyPair into partition
 * commands. Objects are token objects: CKA_TOKEN false is refused (CKR_TEMPLATE_INCONSISTENT),
 * since the partition has no session objects.
 */
final class ObjectTemplates {
  /** CKA_EC_PARAMS for Ed25519 as the printable string "edwards25519" (PKCS#11 3.0 allows it). */
  private static final byte[] ED25519_NAME = HexFormat.of().parseHex("130c656477617264733235353139");

  long create(Backend b, List<Attribute> t) throws CkrException {
    tokenOnly(t);
    Attribute cls = require(t, Ck.CKA_CLASS);
    byte[] value = require(t, Ck.CKA_VALUE).bytes();
    String label = label(t);
    if (cls.ulong() == Ck.CKO_SECRET_KEY) {
      Attribute type = find(t, Ck.CKA_KEY_TYPE);
      if (type != null && type.ulong() != Ck.CKK_AES) {
        throw new CkrException(Ck.CKR_ATTRIBUTE_VALUE_INVALID, "only AES secret keys");
      }
      if (value.length != 32) {
        throw new CkrException(Ck.CKR_ATTRIBUTE_VALUE_INVALID, "AES keys are 32 bytes here");
      }
      try {
        return b.importAes(label, value);
      } finally {
        Arrays.fill(value, (byte) 0);
      }
    }
    if (cls.ulong() == Ck.CKO_CERTIFICATE) {
      Attribute type = find(t, Ck.CKA_CERTIFICATE_TYPE);
      if (type != null && type.ulong() != Ck.CKC_X_509) {
        throw new CkrException(Ck.CKR_ATTRIBUTE_VALUE_INVALID, "only X.509 certificates");
      }
      return b.create(Backend.Kind.CERTIFICATE, label, value);
    }
    if (cls.ulong() == Ck.CKO_DATA) {
      return b.create(Backend.Kind.DATA, label, value);
    }
    throw new CkrException(Ck.CKR_TEMPLATE_INCONSISTENT,
        "objects of class " + cls.ulong() + " cannot be created (keys pairs are generated)");
  }

  long generateKey(Backend b, Mechanism m, List<Attribute> t) throws CkrException {
    if (m.type() != Ck.CKM_AES_KEY_GEN) {
      throw new CkrException(Ck.CKR_MECHANISM_INVALID, "C_GenerateKey takes CKM_AES_KEY_GEN");
    }
    tokenOnly(t);
    Attribute len = find(t, Ck.CKA_VALUE_LEN);
    if (len != null && len.ulong() != 32) {
      throw new CkrException(Ck.CKR_ATTRIBUTE_VALUE_INVALID, "AES keys are 32 bytes here");
    }
    Attribute type = find(t, Ck.CKA_KEY_TYPE);
    if (type != null && type.ulong() != Ck.CKK_AES) {
      throw new CkrException(Ck.CKR_TEMPLATE_INCONSISTENT, "CKM_AES_KEY_GEN makes AES keys");
    }
    return b.generate(Backend.Kind.AES, label(t));
  }

  long generateKeyPair(Backend b, Mechanism m, List<Attribute> pub, List<Attribute> priv)
      throws CkrException {
    tokenOnly(pub);
    tokenOnly(priv);
    Attribute params = find(pub, Ck.CKA_EC_PARAMS);
    byte[] p = params == null ? null : params.bytes();
    String label = find(priv, Ck.CKA_LABEL) != null ? label(priv) : label(pub);
    if (m.type() == Ck.CKM_EC_KEY_PAIR_GEN) {
      if (p != null && !Arrays.equals(p, P11Object.P256_PARAMS)) {
        throw new CkrException(Ck.CKR_ATTRIBUTE_VALUE_INVALID, "only the curve P-256");
      }
      return b.generate(Backend.Kind.EC_P256, label);
    }
    if (m.type() == Ck.CKM_EC_EDWARDS_KEY_PAIR_GEN) {
      if (p != null && !Arrays.equals(p, P11Object.ED25519_PARAMS)
          && !Arrays.equals(p, ED25519_NAME)) {
        throw new CkrException(Ck.CKR_ATTRIBUTE_VALUE_INVALID, "only Ed25519");
      }
      return b.generate(Backend.Kind.ED25519, label);
    }
    throw new CkrException(Ck.CKR_MECHANISM_INVALID, "not a key pair generation mechanism");
  }

  private static void tokenOnly(List<Attribute> t) throws CkrException {
    Attribute token = find(t, Ck.CKA_TOKEN);
    if (token != null && !token.bool()) {
      throw new CkrException(Ck.CKR_TEMPLATE_INCONSISTENT, "session objects are not supported");
    }
  }

  /** CKA_LABEL, or a fresh label when the template has none (the partition wants one). */
  private static String label(List<Attribute> t) {
    Attribute a = find(t, Ck.CKA_LABEL);
    String label = a == null ? "" : new String(a.bytes(), StandardCharsets.UTF_8);
    return label.isEmpty() ? "p11-" + Long.toHexString(System.nanoTime()) : label;
  }

  private static Attribute require(List<Attribute> t, long type) throws CkrException {
    Attribute a = find(t, type);
    if (a == null) {
      throw new CkrException(Ck.CKR_TEMPLATE_INCOMPLETE, String.format("CKA 0x%x missing", type));
    }
    return a;
  }

  static Attribute find(List<Attribute> t, long type) {
    for (Attribute a : t) {
      if (a.type() == type && a.available()) {
        return a;
      }
    }
    return null;
  }
}
