package org.openstc.noise;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The named handshake patterns of the Noise specification (revision 34): the one-way and
 * interactive fundamental patterns (section 7.4, 7.5) and the deferred patterns (section 7.6), all
 * as data, plus {@code pskN} modifiers by name (e.g. {@code XXpsk3}).
 */
public final class Patterns {
  private static final Map<String, String> NOTATION = new LinkedHashMap<>();
  private static final Pattern NAME = Pattern.compile("^([A-Z0-9]+?)((?:psk\\d)(?:\\+psk\\d)*)?$");

  static {
    // One-way (7.4).
    NOTATION.put("N", "<- s\n...\n-> e, es");
    NOTATION.put("K", "-> s\n<- s\n...\n-> e, es, ss");
    NOTATION.put("X", "<- s\n...\n-> e, es, s, ss");
    // Interactive fundamental (7.5).
    NOTATION.put("NN", "-> e\n<- e, ee");
    NOTATION.put("NK", "<- s\n...\n-> e, es\n<- e, ee");
    NOTATION.put("NX", "-> e\n<- e, ee, s, es");
    NOTATION.put("XN", "-> e\n<- e, ee\n-> s, se");
    NOTATION.put("XK", "<- s\n...\n-> e, es\n<- e, ee\n-> s, se");
    NOTATION.put("XX", "-> e\n<- e, ee, s, es\n-> s, se");
    NOTATION.put("KN", "-> s\n...\n-> e\n<- e, ee, se");
    NOTATION.put("KK", "-> s\n<- s\n...\n-> e, es, ss\n<- e, ee, se");
    NOTATION.put("KX", "-> s\n...\n-> e\n<- e, ee, se, s, es");
    NOTATION.put("IN", "-> e, s\n<- e, ee, se");
    NOTATION.put("IK", "<- s\n...\n-> e, es, s, ss\n<- e, ee, se");
    NOTATION.put("IX", "-> e, s\n<- e, ee, se, s, es");
    // Deferred (7.6).
    NOTATION.put("NK1", "<- s\n...\n-> e\n<- e, ee, es");
    NOTATION.put("NX1", "-> e\n<- e, ee, s\n-> es");
    NOTATION.put("X1N", "-> e\n<- e, ee\n-> s\n<- se");
    NOTATION.put("X1K", "<- s\n...\n-> e, es\n<- e, ee\n-> s\n<- se");
    NOTATION.put("XK1", "<- s\n...\n-> e\n<- e, ee, es\n-> s, se");
    NOTATION.put("X1K1", "<- s\n...\n-> e\n<- e, ee, es\n-> s\n<- se");
    NOTATION.put("X1X", "-> e\n<- e, ee, s, es\n-> s\n<- se");
    NOTATION.put("XX1", "-> e\n<- e, ee, s\n-> es, s, se");
    NOTATION.put("X1X1", "-> e\n<- e, ee, s\n-> es, s\n<- se");
    NOTATION.put("K1N", "-> s\n...\n-> e\n<- e, ee\n-> se");
    NOTATION.put("K1K", "-> s\n<- s\n...\n-> e, es\n<- e, ee\n-> se");
    NOTATION.put("KK1", "-> s\n<- s\n...\n-> e\n<- e, ee, se, es");
    NOTATION.put("K1K1", "-> s\n<- s\n...\n-> e\n<- e, ee, es\n-> se");
    NOTATION.put("K1X", "-> s\n...\n-> e\n<- e, ee, s, es\n-> se");
    NOTATION.put("KX1", "-> s\n...\n-> e\n<- e, ee, se, s\n-> es");
    NOTATION.put("K1X1", "-> s\n...\n-> e\n<- e, ee, s\n-> se, es");
    NOTATION.put("I1N", "-> e, s\n<- e, ee\n-> se");
    NOTATION.put("I1K", "<- s\n...\n-> e, es, s\n<- e, ee\n-> se");
    NOTATION.put("IK1", "<- s\n...\n-> e, s\n<- e, ee, se, es");
    NOTATION.put("I1K1", "<- s\n...\n-> e, s\n<- e, ee, es\n-> se");
    NOTATION.put("I1X", "-> e, s\n<- e, ee, s, es\n-> se");
    NOTATION.put("IX1", "-> e, s\n<- e, ee, se, s\n-> es");
    NOTATION.put("I1X1", "-> e, s\n<- e, ee, s\n-> se, es");
  }

  private Patterns() {}

  public static final HandshakePattern IK = byName("IK").orElseThrow();
  public static final HandshakePattern KK = byName("KK").orElseThrow();

  /** Names of the base patterns (without psk modifiers). */
  public static Map<String, String> notations() {
    return Collections.unmodifiableMap(NOTATION);
  }

  /** The pattern named {@code name}, such as {@code IK}, {@code NNpsk0} or {@code XXpsk3}. */
  public static Optional<HandshakePattern> byName(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches() || !NOTATION.containsKey(m.group(1))) {
      return Optional.empty();
    }
    HandshakePattern base = HandshakePattern.parse(m.group(1), NOTATION.get(m.group(1)));
    if (m.group(2) == null) {
      return Optional.of(base);
    }
    String[] parts = m.group(2).split("\\+");
    int[] positions = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      positions[i] = Integer.parseInt(parts[i].substring(3));
    }
    return Optional.of(base.withPsk(positions));
  }
}
