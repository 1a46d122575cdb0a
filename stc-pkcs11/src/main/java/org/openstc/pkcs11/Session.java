package org.openstc.pkcs11;

import java.io.ByteArrayOutputStream;

/**
 * One PKCS#11 session: its slot, whether read-write, the open object search and the crypto
 * operations in progress (at most one of each kind, as PKCS#11 allows).
 */
final class Session {
  /** The most data one multi-part operation collects (the partition's per-command limit). */
  static final int MAX_DATA = 64 * 1024;

  /** A crypto operation between its Init call and its last call. */
  static final class Operation {
    final Mechanism mechanism;
    final P11Object key;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();

    Operation(Mechanism mechanism, P11Object key) {
      this.mechanism = mechanism;
      this.key = key;
    }

    void add(byte[] part) throws CkrException {
      if (collected.size() + part.length > MAX_DATA) {
        throw new CkrException(Ck.CKR_DATA_LEN_RANGE, "more than " + MAX_DATA + " bytes");
      }
      collected.writeBytes(part);
    }

    /** Single-part calls: the data of this call, not added to earlier calls' data. */
    void replace(byte[] data) throws CkrException {
      collected.reset();
      add(data);
    }

    byte[] collected() {
      return collected.toByteArray();
    }
  }

  final long handle;
  final long slot;
  final boolean readWrite;
  long[] found;
  int foundNext;
  Operation encrypt;
  Operation decrypt;
  Operation sign;
  Operation verify;

  Session(long handle, long slot, boolean readWrite) {
    this.handle = handle;
    this.slot = slot;
    this.readWrite = readWrite;
  }
}
