package org.openstc.noise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A Noise handshake pattern as data (section 7): pre-messages and message patterns, each a list of
 * tokens, parsed from the notation the specification uses, plus the {@code pskN} modifiers (section
 * 9). Messages alternate, the initiator sending the first.
 */
public final class HandshakePattern {

  /** The tokens of section 7.1 and 9. */
  public enum Token {
    E, S, EE, ES, SE, SS, PSK;

    static Token parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final String name;
  private final List<Token> initiatorPremessage;
  private final List<Token> responderPremessage;
  private final List<List<Token>> messages;
  private final int pskCount;

  private HandshakePattern(String name, List<Token> initiatorPre, List<Token> responderPre,
      List<List<Token>> messages) {
    this.name = name;
    this.initiatorPremessage = List.copyOf(initiatorPre);
    this.responderPremessage = List.copyOf(responderPre);
    List<List<Token>> copy = new ArrayList<>();
    for (List<Token> m : messages) {
      copy.add(List.copyOf(m));
    }
    this.messages = Collections.unmodifiableList(copy);
    // Asked for every token of every handshake: counted once here.
    this.pskCount = (int) this.messages.stream().flatMap(List::stream)
        .filter(t -> t == Token.PSK).count();
  }

  /**
   * Parses the specification's notation, for example {@code "<- s\n...\n-> e, es, s, ss\n<- e, ee,
   * se"}. Lines before {@code ...} are pre-messages; arrows must alternate starting with {@code ->}.
   */
  public static HandshakePattern parse(String name, String notation) {
    List<Token> initPre = new ArrayList<>();
    List<Token> respPre = new ArrayList<>();
    List<List<Token>> messages = new ArrayList<>();
    boolean hasPremessages = notation.contains("...");
    boolean inPre = hasPremessages;
    for (String raw : notation.split("\n")) {
      String line = raw.trim();
      if (line.isEmpty()) {
        continue;
      }
      if (line.equals("...")) {
        inPre = false;
        continue;
      }
      boolean fromInitiator = line.startsWith("->");
      if (!fromInitiator && !line.startsWith("<-")) {
        throw new IllegalArgumentException(name + ": line without arrow: " + line);
      }
      List<Token> tokens = tokens(line.substring(2));
      if (inPre) {
        (fromInitiator ? initPre : respPre).addAll(tokens);
      } else {
        if (fromInitiator != (messages.size() % 2 == 0)) {
          throw new IllegalArgumentException(name + ": messages must alternate");
        }
        messages.add(tokens);
      }
    }
    return new HandshakePattern(name, initPre, respPre, messages);
  }

  private static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    for (String t : text.split(",")) {
      if (!t.isBlank()) {
        out.add(Token.parse(t));
      }
    }
    return out;
  }

  /**
   * Applies {@code pskN} modifiers (section 9.2): {@code psk0} puts a psk token at the start of the
   * first message, {@code pskN} at the end of message N.
   */
  public HandshakePattern withPsk(int... positions) {
    List<List<Token>> out = new ArrayList<>();
    for (List<Token> m : messages) {
      out.add(new ArrayList<>(m));
    }
    StringBuilder suffix = new StringBuilder();
    for (int p : positions) {
      if (p < 0 || p > messages.size()) {
        throw new IllegalArgumentException(name + " has no message " + p + " for psk" + p);
      }
      if (p == 0) {
        out.get(0).add(0, Token.PSK);
      } else {
        out.get(p - 1).add(Token.PSK);
      }
      suffix.append(suffix.length() == 0 ? "psk" : "+psk").append(p);
    }
    return new HandshakePattern(name + suffix, initiatorPremessage, responderPremessage, out);
  }

  public String name() {
    return name;
  }

  public List<Token> initiatorPremessage() {
    return initiatorPremessage;
  }

  public List<Token> responderPremessage() {
    return responderPremessage;
  }

  public List<List<Token>> messages() {
    return messages;
  }

  /** True if a {@code psk} token appears anywhere (psk mode changes how {@code e} is processed). */
  public boolean usesPsk() {
    return pskCount > 0;
  }

  /** Number of psk tokens the pattern consumes. */
  public int pskCount() {
    return pskCount;
  }

  /** True for the one-way patterns N, K and X (a single message). */
  public boolean isOneWay() {
    return messages.size() == 1;
  }

  @Override
  public String toString() {
    return name;
  }
}
