package org.openstc.stc;

/**
 * Every channel failure a peer can cause, with its code. The {@code CKR_STC_*} names and values are
 * Luna's ({@code CKR_VENDOR_DEFINED} 0x80000000 + 0x45..0x66); the few codes that Luna does not
 * have are openstc extensions at 0x80000F01.. and say so. docs/protocol.md, "Error codes", states
 * when each is used.
 */
public enum StcError {
  CKR_STC_NO_CONTEXT(0x45),
  CKR_STC_CLIENT_IDENTITY_NOT_CONFIGURED(0x46),
  CKR_STC_PARTITION_IDENTITY_NOT_CONFIGURED(0x47),
  CKR_STC_DH_KEYGEN_ERROR(0x48),
  CKR_STC_CIPHER_SUITE_REJECTED(0x49),
  CKR_STC_DH_KEY_NOT_FROM_SAME_GROUP(0x4a),
  CKR_STC_COMPUTE_DH_KEY_ERROR(0x4b),
  CKR_STC_FIRST_PHASE_KDF_ERROR(0x4c),
  CKR_STC_SECOND_PHASE_KDF_ERROR(0x4d),
  CKR_STC_KEY_CONFIRMATION_FAILED(0x4e),
  CKR_STC_NO_SESSION_KEY(0x4f),
  CKR_STC_RESPONSE_BAD_MAC(0x50),
  CKR_STC_NOT_ENABLED(0x51),
  CKR_STC_CLIENT_HANDLE_INVALID(0x52),
  CKR_STC_SESSION_INVALID(0x53),
  CKR_STC_CONTAINER_INVALID(0x54),
  CKR_STC_SEQUENCE_NUM_INVALID(0x55),
  CKR_STC_NO_CHANNEL(0x56),
  CKR_STC_RESPONSE_DECRYPT_ERROR(0x57),
  CKR_STC_RESPONSE_REPLAYED(0x58),
  CKR_STC_REKEY_CHANNEL_MISMATCH(0x59),
  CKR_STC_RSA_ENCRYPT_ERROR(0x5a),
  CKR_STC_RSA_SIGN_ERROR(0x5b),
  CKR_STC_RSA_DECRYPT_ERROR(0x5c),
  CKR_STC_RESPONSE_UNEXPECTED_KEY(0x5d),
  CKR_STC_UNEXPECTED_NONCE_PAYLOAD_SIZE(0x5e),
  CKR_STC_UNEXPECTED_DH_DATA_SIZE(0x5f),
  CKR_STC_OPEN_CIPHER_MISMATCH(0x60),
  CKR_STC_OPEN_DHNIST_PUBKEY_ERROR(0x61),
  CKR_STC_OPEN_KEY_MATERIAL_GEN_FAIL(0x62),
  CKR_STC_OPEN_RESP_GEN_FAIL(0x63),
  CKR_STC_ACTIVATE_MACTAG_U_VERIFY_FAIL(0x64),
  CKR_STC_ACTIVATE_MACTAG_V_GEN_FAIL(0x65),
  CKR_STC_ACTIVATE_RESP_GEN_FAIL(0x66),

  /** openstc: a frame that does not parse (unknown type, bad length, trailing bytes, too large). */
  CKR_STC_FRAME_INVALID(0xF01),
  /** openstc: a well-formed frame that is not allowed in the current state. */
  CKR_STC_UNEXPECTED_MESSAGE(0xF02),
  /** openstc: ACTIVATE did not complete within the partition's activation timeout. */
  CKR_STC_ACTIVATION_TIMEOUT(0xF03),
  /** openstc: the partition already has its maximum number of open channels. */
  CKR_STC_TOO_MANY_CHANNELS(0xF04),
  /** openstc: wrong magic or an unsupported protocol version in OPEN. */
  CKR_STC_VERSION_MISMATCH(0xF05),
  /** openstc: the channel was idle for longer than the host's idle timeout. */
  CKR_STC_IDLE_TIMEOUT(0xF06),
  /** openstc: the peer closed the channel (orderly CLOSE or end of stream). */
  CKR_STC_CHANNEL_CLOSED(0xF07),
  /** openstc: the partition host is shutting down. */
  CKR_STC_SHUTTING_DOWN(0xF08);

  private static final long VENDOR_DEFINED = 0x80000000L;
  private final long code;

  StcError(int offset) {
    this.code = VENDOR_DEFINED + offset;
  }

  /** The 32-bit code as sent on the wire. */
  public long code() {
    return code;
  }

  /** The code as {@code 0x8000xxxx}. */
  public String hex() {
    return String.format("0x%08X", code);
  }

  /**
   * The fixed reason text sent with this code in REJECT and in the host's ALERTs
   * (docs/protocol.md section 18.3): it never names a key, fingerprint, label, partition or any
   * internal state; the details go to the sender's log only.
   */
  public String reason() {
    return switch (this) {
      case CKR_STC_NO_CONTEXT -> "no channel context";
      case CKR_STC_PARTITION_IDENTITY_NOT_CONFIGURED -> "partition has no identity key";
      case CKR_STC_CIPHER_SUITE_REJECTED -> "no offered suite is allowed";
      case CKR_STC_COMPUTE_DH_KEY_ERROR -> "key agreement failed";
      case CKR_STC_RESPONSE_BAD_MAC -> "message authentication failed";
      case CKR_STC_CLIENT_HANDLE_INVALID -> "client not registered";
      case CKR_STC_SESSION_INVALID -> "partition re-initialized";
      case CKR_STC_CONTAINER_INVALID -> "no such partition";
      case CKR_STC_SEQUENCE_NUM_INVALID -> "sequence number out of range";
      case CKR_STC_NO_CHANNEL -> "channel already closed";
      case CKR_STC_RESPONSE_REPLAYED -> "replayed record";
      case CKR_STC_REKEY_CHANNEL_MISMATCH -> "rekey threshold exceeded";
      case CKR_STC_UNEXPECTED_DH_DATA_SIZE -> "handshake message size invalid";
      case CKR_STC_OPEN_CIPHER_MISMATCH -> "second OPEN does not follow RETRY";
      case CKR_STC_OPEN_DHNIST_PUBKEY_ERROR -> "invalid public key";
      case CKR_STC_ACTIVATE_MACTAG_U_VERIFY_FAIL -> "key confirmation failed";
      case CKR_STC_FRAME_INVALID -> "malformed frame";
      case CKR_STC_UNEXPECTED_MESSAGE -> "unexpected message";
      case CKR_STC_ACTIVATION_TIMEOUT -> "activation timeout";
      case CKR_STC_TOO_MANY_CHANNELS -> "too many channels";
      case CKR_STC_VERSION_MISMATCH -> "unsupported version";
      case CKR_STC_IDLE_TIMEOUT -> "idle timeout";
      case CKR_STC_CHANNEL_CLOSED -> "channel closed";
      case CKR_STC_SHUTTING_DOWN -> "host shutting down";
      default -> "internal error";
    };
  }

  /** The error for a wire code, or {@code null} if the code is not a known STC error. */
  public static StcError fromCode(long code) {
    for (StcError e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    return null;
  }
}
