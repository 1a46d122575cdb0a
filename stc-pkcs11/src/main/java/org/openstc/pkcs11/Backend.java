package org.openstc.pkcs11;

import java.util.List;

/**
 * What the PKCS#11 calls need from one partition, over its channel: the client library's
 * {@code Slot} behind it in service ({@link SlotBackend}). Failures are PKCS#11 return values.
 */
interface Backend extends AutoCloseable {
  /** A partition object as PKCS#11 presents it. */
  enum Kind { AES, EC_P256, ED25519, CERTIFICATE, DATA }

  /** One object: its handle, kind, label, public key (SPKI DER, empty if none), value size. */
  record Entry(long handle, Kind kind, String label, byte[] publicKeySpki, int valueLength) {}

  /** The partition: label, serial, whether initialized, storage size and use. */
  record Info(String label, long serial, boolean initialized, long sizeBytes, long usedBytes) {}

  Info info() throws CkrException;

  /** {@code role}: 1 Partition SO, 2 Crypto Officer, 3 Crypto User (the partition's codes). */
  void login(int role, char[] pin) throws CkrException;

  void logout() throws CkrException;

  /** Sets the Crypto Officer's PIN (C_InitPIN; the Partition SO is logged in). */
  void initUserPin(char[] pin) throws CkrException;

  /** Changes the logged-in role's own PIN (C_SetPIN). */
  void changePin(char[] oldPin, char[] newPin) throws CkrException;

  List<Entry> objects() throws CkrException;

  long generate(Kind kind, String label) throws CkrException;

  long importAes(String label, byte[] key) throws CkrException;

  long create(Kind kind, String label, byte[] value) throws CkrException;

  byte[] value(long handle) throws CkrException;

  void destroy(long handle) throws CkrException;

  byte[] encryptGcm(long handle, byte[] iv, byte[] plaintext, byte[] aad, int tagBytes)
      throws CkrException;

  byte[] decryptGcm(long handle, byte[] iv, byte[] ciphertext, byte[] aad, int tagBytes)
      throws CkrException;

  /** ECDSA P-256 over a digest: raw {@code r || s}. */
  byte[] signDigest(long handle, byte[] digest) throws CkrException;

  /** Ed25519 over the data: the 64-byte signature. */
  byte[] signEd25519(long handle, byte[] data) throws CkrException;

  byte[] random(int length) throws CkrException;

  @Override
  void close();
}
