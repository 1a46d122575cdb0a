package org.openstc.command;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * The HTL exchange (docs/protocol.md Part 4, sections 39-40): the five message types inside TLS,
 * their bodies, and the key schedule both sides run: the PROVE, ACCEPT and CONFIRM tags and the
 * next rolling secret {@code S_next = HKDF-SHA256(K, nonce_c || nonce_h, "openstc HTL next" || next)}.
 */
public final class HtlBodies {
  public static final int DEFAULT_PORT = 1867;
  /** The largest HTL message body. */
  public static final int MAX_MESSAGE = 1024;
  public static final int PROVE = 1;
  public static final int ACCEPT = 2;
  public static final int CONFIRM = 3;
  public static final int CONFIRMED = 4;
  public static final int REFUSED = 5;
  public static final int KIND_OTT = 0;
  public static final int KIND_SECRET = 1;
  /** Secret, token and nonce length. */
  public static final int LENGTH = 32;

  private HtlBodies() {}

  public record Prove(int kind, long counter, byte[] nonce, byte[] tag) {}

  public record Accept(long next, byte[] nonce, byte[] tag) {}

  public record Confirm(long next, byte[] tag) {}

  public record Refused(long code, String message) {}

  public static byte[] prove(Prove p) {
    return new WireWriter().u8(PROVE).u8(p.kind()).u64(p.counter()).raw(p.nonce()).raw(p.tag())
        .toByteArray();
  }

  public static byte[] accept(Accept a) {
    return new WireWriter().u8(ACCEPT).u64(a.next()).raw(a.nonce()).raw(a.tag()).toByteArray();
  }

  public static byte[] confirm(Confirm c) {
    return new WireWriter().u8(CONFIRM).u64(c.next()).raw(c.tag()).toByteArray();
  }

  public static byte[] confirmed() {
    return new byte[] {CONFIRMED};
  }

  public static byte[] refused(long code, String message) {
    String m = message.length() > 400 ? message.substring(0, 400) : message;
    return new WireWriter().u8(REFUSED).u32(code).string(m).toByteArray();
  }

  /** The message type of {@code body}; decode it with the matching method. */
  public static int type(byte[] body) throws MalformedCommandException {
    if (body.length == 0 || body.length > MAX_MESSAGE) {
      throw new MalformedCommandException("HTL message of " + body.length + " bytes");
    }
    return body[0] & 0xff;
  }

  public static Prove decodeProve(byte[] body) throws MalformedCommandException {
    WireReader r = reader(body, PROVE);
    int kind = r.u8();
    if (kind != KIND_OTT && kind != KIND_SECRET) {
      throw new MalformedCommandException("unknown HTL proof kind " + kind);
    }
    Prove p = new Prove(kind, r.u64(), fixed(r), fixed(r));
    r.end();
    return p;
  }

  public static Accept decodeAccept(byte[] body) throws MalformedCommandException {
    WireReader r = reader(body, ACCEPT);
    Accept a = new Accept(r.u64(), fixed(r), fixed(r));
    r.end();
    return a;
  }

  public static Confirm decodeConfirm(byte[] body) throws MalformedCommandException {
    WireReader r = reader(body, CONFIRM);
    Confirm c = new Confirm(r.u64(), fixed(r));
    r.end();
    return c;
  }

  public static Refused decodeRefused(byte[] body) throws MalformedCommandException {
    WireReader r = reader(body, REFUSED);
    Refused f = new Refused(r.u32(), r.string(512));
    r.end();
    return f;
  }

  /** The PROVE tag of {@code client} with key {@code k}. */
  public static byte[] proveTag(byte[] k, String client, int kind, long counter, byte[] nonceC) {
    return hmac(k, new WireWriter().raw(ascii("openstc HTL prove")).string(client).u8(kind)
        .u64(counter).raw(nonceC).toByteArray());
  }

  public static byte[] acceptTag(byte[] k, byte[] nonceC, byte[] nonceH, long next) {
    return hmac(k, new WireWriter().raw(ascii("openstc HTL accept")).raw(nonceC).raw(nonceH)
        .u64(next).toByteArray());
  }

  public static byte[] confirmTag(byte[] next, byte[] nonceH) {
    return hmac(next, new WireWriter().raw(ascii("openstc HTL confirm")).raw(nonceH).toByteArray());
  }

  /** {@code S_next}: HKDF-SHA256 (RFC 5869) with one output block. */
  public static byte[] nextSecret(byte[] k, byte[] nonceC, byte[] nonceH, long next) {
    byte[] prk = hmac(new WireWriter().raw(nonceC).raw(nonceH).toByteArray(), k);
    try {
      return hmac(prk, new WireWriter().raw(ascii("openstc HTL next")).u64(next).u8(1)
          .toByteArray());
    } finally {
      java.util.Arrays.fill(prk, (byte) 0);
    }
  }

  /** Constant-time tag comparison. */
  public static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing", e);
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static WireReader reader(byte[] body, int type) throws MalformedCommandException {
    if (type(body) != type) {
      throw new MalformedCommandException("expected HTL message " + type + ", got " + type(body));
    }
    WireReader r = new WireReader(body);
    r.u8();
    return r;
  }

  private static byte[] fixed(WireReader r) throws MalformedCommandException {
    if (r.remaining() < LENGTH) {
      throw new MalformedCommandException("HTL message truncated");
    }
    byte[] out = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      out[i] = (byte) r.u8();
    }
    return out;
  }
}
