package org.openstc.command;

import java.util.Locale;

/** The partition roles, with the names {@code role login -name ...} takes. */
public enum Role {
  /** Partition Security Officer. */
  PO(1, "po", "Partition SO"),
  /** Crypto Officer: creates and destroys objects, uses them. */
  CO(2, "co", "Crypto Officer"),
  /** Crypto User: uses objects. */
  CU(3, "cu", "Crypto User");

  private final int code;
  private final String label;
  private final String title;

  Role(int code, String label, String title) {
    this.code = code;
    this.label = label;
    this.title = title;
  }

  public int code() {
    return code;
  }

  public String label() {
    return label;
  }

  public String title() {
    return title;
  }

  public static Role fromCode(int code) throws MalformedCommandException {
    for (Role r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new MalformedCommandException("unknown role code " + code);
  }

  /** Parses {@code po}, {@code co} or {@code cu} (any case). */
  public static Role fromLabel(String label) {
    for (Role r : values()) {
      if (r.label.equals(label.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + label + "' (expected po, co or cu)");
  }
}
