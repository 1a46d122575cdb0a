package org.openstc.cli.common;

import java.util.regex.Pattern;

/**
 * What the tools accept as a host: a DNS name (RFC 1123 labels, at most 253 characters), an IPv4
 * address, or an IPv6 address (the part inside {@code [...]}). Checked where a host is typed, so a
 * 5,000-character name or a stray character is a usage error, not a stored server entry.
 */
public final class HostNames {
  /** The longest DNS name (RFC 1035: 255 octets on the wire, 253 characters written). */
  public static final int MAX_LENGTH = 253;
  /** The rule, for error messages. */
  public static final String RULE = "expected a host name (letters, digits, '-' and '.', at most "
      + MAX_LENGTH + " characters), an IPv4 address or an IPv6 address in [...]";
  private static final Pattern NAME =
      Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}"
          + "[a-z0-9])?)*\\.?");
  private static final Pattern IPV6 = Pattern.compile("(?i)[0-9a-f:.]{2,45}(%[a-z0-9_.-]{1,32})?");

  private HostNames() {}

  /** Whether {@code host} is a name or address the tools accept. */
  public static boolean valid(String host) {
    if (host == null || host.isEmpty() || host.length() > MAX_LENGTH) {
      return false;
    }
    return host.indexOf(':') >= 0 ? IPV6.matcher(host).matches() : NAME.matcher(host).matches();
  }

  /** {@code text} cut to a length fit for an error message. */
  public static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
