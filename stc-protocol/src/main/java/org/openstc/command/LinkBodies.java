package org.openstc.command;

import java.util.ArrayList;
import java.util.List;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * The NTLS session layer (docs/protocol.md Part 3): the two link requests a client sends on a TLS
 * connection before it is bound to a partition, their bodies, and the length prefix that frames
 * every request and response inside TLS. Link requests use the Part 2 request and response frames
 * with opcodes outside Part 2's range, so a partition never sees them.
 */
public final class LinkBodies {
  /** {@code LINK_LIST}: empty body; answers the partitions assigned to this client. */
  public static final int LINK_LIST = 0x0100;
  /** {@code LINK_BIND}: {@code u64 serial}; binds this connection to an assigned partition. */
  public static final int LINK_BIND = 0x0101;
  /** The largest frame inside TLS: the largest DATA record payload of Part 1. */
  public static final int MAX_FRAME = 131072;
  /** The request id of the host's closing notice (a response no request asked for). */
  public static final long CLOSING_NOTICE_ID = 0;
  private static final int MAX_NAME = 256;
  /** The TLS versions of the link, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
  /** TLS 1.3 suites, then TLS 1.2 ECDHE suites with an AEAD cipher; nothing else. */
  public static final List<String> CIPHER_SUITES = List.of("TLS_AES_256_GCM_SHA384",
      "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private LinkBodies() {}

  /** One partition assigned to the client, as LINK_LIST answers it. */
  public record Assigned(long serial, String name, String label) {}

  public static byte[] encodeList(List<Assigned> partitions) {
    WireWriter out = new WireWriter().u32(partitions.size());
    for (Assigned a : partitions) {
      out.u64(a.serial()).string(a.name()).string(a.label());
    }
    return out.toByteArray();
  }

  public static List<Assigned> decodeList(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    long count = in.u32();
    List<Assigned> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      out.add(new Assigned(in.u64(), in.string(MAX_NAME), in.string(MAX_NAME)));
    }
    in.end();
    return out;
  }

  public static byte[] encodeBind(long serial) {
    return new WireWriter().u64(serial).toByteArray();
  }

  public static long decodeBind(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    long serial = in.u64();
    in.end();
    return serial;
  }
}
