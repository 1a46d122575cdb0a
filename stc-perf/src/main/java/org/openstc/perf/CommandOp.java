package org.openstc.perf;

import org.openstc.command.CommandRequest;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Requests;

/**
 * The operations of figure r, each as the partition host runs it for one command: ENCRYPT (Tink
 * AES-256-GCM, random IV) of 64 B, 1 KiB and 16 KiB; SIGN_DIGEST (ECDSA P-256 over a 32-byte
 * digest, raw r||s) and SIGN (Tink Ed25519) of 32 bytes.
 */
enum CommandOp {
  ENCRYPT_64("encrypt 64 B", 64, ObjectType.AES256),
  ENCRYPT_1K("encrypt 1 KiB", 1024, ObjectType.AES256),
  ENCRYPT_16K("encrypt 16 KiB", 16 * 1024, ObjectType.AES256),
  SIGN_P256("sign P-256", 32, ObjectType.EC_P256),
  SIGN_ED25519("sign Ed25519", 32, ObjectType.ED25519);

  private static final byte[] NO_AAD = new byte[0];
  final String label;
  final int size;
  final ObjectType keyType;

  CommandOp(String label, int size, ObjectType keyType) {
    this.label = label;
    this.size = size;
    this.keyType = keyType;
  }

  /** The data this operation is measured with. */
  byte[] data() {
    return Load.payload(size);
  }

  /** The host command for this operation with the key object {@code handle}. */
  CommandRequest request(long handle) {
    return switch (this) {
      case SIGN_P256 -> Requests.signDigest(1, handle, data());
      case SIGN_ED25519 -> Requests.sign(1, handle, data());
      default -> Requests.encrypt(1, handle, data(), NO_AAD);
    };
  }

  /** The message the TLS variant sends: the operation's ordinal, then the data. */
  byte[] tlsPayload() {
    byte[] data = data();
    byte[] out = new byte[1 + data.length];
    out[0] = (byte) ordinal();
    System.arraycopy(data, 0, out, 1, data.length);
    return out;
  }

  static CommandOp of(byte code) {
    return values()[code];
  }
}
