package org.openstc.identity;

/** Whose public identity an identity file carries. */
public enum IdentityKind {
  /** A client identity ({@code <label>.stcid}), registered to partitions with clientregister. */
  CLIENT(1, "client", "STC CLIENT IDENTITY", ".stcid"),
  /** A partition identity ({@code <serial>.pid}), registered on clients with partitionregister. */
  PARTITION(2, "partition", "STC PARTITION IDENTITY", ".pid");

  private final int code;
  private final String label;
  private final String armourLabel;
  private final String extension;

  IdentityKind(int code, String label, String armourLabel, String extension) {
    this.code = code;
    this.label = label;
    this.armourLabel = armourLabel;
    this.extension = extension;
  }

  /** The byte that encodes this kind in the binary body. */
  public int code() {
    return code;
  }

  /** The value of the {@code Kind:} header: {@code client} or {@code partition}. */
  public String label() {
    return label;
  }

  /** The text between {@code -----BEGIN } and {@code -----}. */
  public String armourLabel() {
    return armourLabel;
  }

  /** The usual file name extension, with its dot. */
  public String extension() {
    return extension;
  }

  static IdentityKind fromCode(int code) {
    for (IdentityKind k : values()) {
      if (k.code == code) {
        return k;
      }
    }
    return null;
  }

  static IdentityKind fromArmourLabel(String label) {
    for (IdentityKind k : values()) {
      if (k.armourLabel.equals(label)) {
        return k;
      }
    }
    return null;
  }
}
