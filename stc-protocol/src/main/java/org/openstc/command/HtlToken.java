package org.openstc.command;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.openstc.command.internal.WireWriter;

/**
 * The one-time token file {@code NAME.ott} (docs/protocol.md Part 4 section 38): five ASCII lines
 * naming the client and the expiry, the token, and a MAC keyed by the token over the rest, so a
 * truncated or edited file is refused before it is used.
 *
 * @param token the 32 random bytes; the caller wipes them when done
 */
public record HtlToken(String client, long expiresMillis, byte[] token) {
  private static final String MAGIC = "openstc-ott 1";
  private static final int MAX_FILE = 1024;

  /** The file's bytes. */
  public byte[] encode() {
    return (MAGIC + "\nclient " + client + "\nexpires " + expiresMillis + "\ntoken "
        + Base64.getUrlEncoder().withoutPadding().encodeToString(token) + "\nmac "
        + HexFormat.of().formatHex(mac(token, client, expiresMillis)) + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Parses and checks a token file; MalformedCommandException says what is wrong. */
  public static HtlToken decode(byte[] file) throws MalformedCommandException {
    if (file.length > MAX_FILE) {
      throw new MalformedCommandException("not a one-time token file (" + file.length + " bytes)");
    }
    String[] lines = new String(file, StandardCharsets.US_ASCII).split("\n", -1);
    if (lines.length != 6 || !lines[5].isEmpty() || !lines[0].equals(MAGIC)) {
      throw new MalformedCommandException("not a one-time token file (truncated or not "
          + MAGIC + ")");
    }
    String client = field(lines[1], "client");
    byte[] token;
    byte[] mac;
    long expires;
    try {
      expires = Long.parseLong(field(lines[2], "expires"));
      token = Base64.getUrlDecoder().decode(field(lines[3], "token"));
      mac = HexFormat.of().parseHex(field(lines[4], "mac"));
    } catch (IllegalArgumentException e) {
      throw new MalformedCommandException("one-time token file damaged: " + e.getMessage());
    }
    if (token.length != HtlBodies.LENGTH
        || !HtlBodies.same(mac, mac(token, client, expires))) {
      throw new MalformedCommandException("one-time token file damaged or edited (MAC mismatch)");
    }
    return new HtlToken(client, expires, token);
  }

  private static String field(String line, String name) throws MalformedCommandException {
    if (!line.startsWith(name + " ") || line.length() == name.length() + 1) {
      throw new MalformedCommandException("one-time token file: missing " + name);
    }
    return line.substring(name.length() + 1);
  }

  private static byte[] mac(byte[] token, String client, long expires) {
    return HtlBodies.hmac(token, new WireWriter().raw(HtlBodies.ascii("openstc OTT"))
        .string(client).u64(expires).toByteArray());
  }
}
