package org.openstc.identity;

import static org.openstc.identity.IdentityFileException.Reason.BAD_ARMOUR;
import static org.openstc.identity.IdentityFileException.Reason.BAD_BASE64;
import static org.openstc.identity.IdentityFileException.Reason.BAD_HEADER;
import static org.openstc.identity.IdentityFileException.Reason.NOT_ARMOURED;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text armour around an identity body (docs/identity-files.md, "Armour"): BEGIN line, header
 * lines, one empty line, base64 body in 64-character lines, END line. CRLF line ends and trailing
 * white space are tolerated, as are empty lines before BEGIN and after END; nothing else is.
 */
final class IdentityArmour {
  static final int LINE_LENGTH = 64;
  private static final Pattern BEGIN = Pattern.compile("-----BEGIN (.+)-----");
  private static final Pattern END = Pattern.compile("-----END (.+)-----");
  private static final Pattern HEADER = Pattern.compile("([A-Za-z][A-Za-z-]*): (\\S(?:.*\\S)?)");
  private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

  /** A parsed armour: the kind named by the BEGIN line, the headers and the decoded body. */
  record Parsed(IdentityKind kind, Map<String, String> headers, byte[] body) {}

  private IdentityArmour() {}

  static String format(IdentityKind kind, Map<String, String> headers, byte[] body) {
    StringBuilder out = new StringBuilder();
    out.append("-----BEGIN ").append(kind.armourLabel()).append("-----\n");
    headers.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
    out.append('\n');
    String b64 = Base64.getEncoder().encodeToString(body);
    for (int i = 0; i < b64.length(); i += LINE_LENGTH) {
      out.append(b64, i, Math.min(b64.length(), i + LINE_LENGTH)).append('\n');
    }
    return out.append("-----END ").append(kind.armourLabel()).append("-----\n").toString();
  }

  static Parsed parse(String text, Set<String> knownHeaders) throws IdentityFileException {
    List<String> lines = trimmedLines(text);
    if (lines.isEmpty() || !lines.get(0).startsWith("-----BEGIN ")) {
      throw new IdentityFileException(NOT_ARMOURED,
          "not an identity file: no '-----BEGIN STC ... IDENTITY-----' line");
    }
    IdentityKind kind = armourKind(lines.get(0), BEGIN, "BEGIN");
    String last = lines.get(lines.size() - 1);
    if (!last.startsWith("-----END ")) {
      throw new IdentityFileException(NOT_ARMOURED, "no '-----END " + kind.armourLabel()
          + "-----' line (truncated file?)");
    }
    if (armourKind(last, END, "END") != kind) {
      throw new IdentityFileException(BAD_ARMOUR, "BEGIN and END lines name different kinds");
    }
    List<String> inner = lines.subList(1, lines.size() - 1);
    int blank = inner.indexOf("");
    if (blank < 0) {
      throw new IdentityFileException(BAD_HEADER, "no empty line between the headers and the body");
    }
    Map<String, String> headers = headers(inner.subList(0, blank), knownHeaders);
    return new Parsed(kind, headers, body(inner.subList(blank + 1, inner.size())));
  }

  private static List<String> trimmedLines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(line.stripTrailing());
    }
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static IdentityKind armourKind(String line, Pattern p, String which)
      throws IdentityFileException {
    Matcher m = p.matcher(line);
    IdentityKind kind = m.matches() ? IdentityKind.fromArmourLabel(m.group(1)) : null;
    if (kind == null) {
      throw new IdentityFileException(BAD_ARMOUR, "unknown " + which + " line '" + clip(line)
          + "' (expected STC CLIENT IDENTITY or STC PARTITION IDENTITY)");
    }
    return kind;
  }

  private static Map<String, String> headers(List<String> lines, Set<String> known)
      throws IdentityFileException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = HEADER.matcher(line);
      if (!m.matches()) {
        throw new IdentityFileException(BAD_HEADER, "malformed header line '" + clip(line) + "'");
      }
      if (!known.contains(m.group(1))) {
        throw new IdentityFileException(BAD_HEADER, "unknown header '" + clip(m.group(1)) + "'");
      }
      if (headers.put(m.group(1), m.group(2)) != null) {
        throw new IdentityFileException(BAD_HEADER, "header '" + m.group(1) + "' appears twice");
      }
    }
    return headers;
  }

  private static byte[] body(List<String> lines) throws IdentityFileException {
    StringBuilder b64 = new StringBuilder();
    for (String line : lines) {
      if (!BASE64_LINE.matcher(line).matches() || line.length() > LINE_LENGTH) {
        throw new IdentityFileException(BAD_BASE64, "invalid base64 line '" + clip(line) + "'");
      }
      b64.append(line);
    }
    if (b64.length() == 0) {
      throw new IdentityFileException(BAD_BASE64, "the body is empty");
    }
    try {
      return Base64.getDecoder().decode(b64.toString());
    } catch (IllegalArgumentException e) {
      throw new IdentityFileException(BAD_BASE64, "invalid base64 body: " + e.getMessage());
    }
  }

  static String clip(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
  }
}
