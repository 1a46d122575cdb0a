package org.openstc.identity;

import static org.openstc.identity.IdentityFileException.Reason.BAD_LABEL;
import static org.openstc.identity.IdentityFileException.Reason.BAD_SERIAL;
import static org.openstc.identity.IdentityFileException.Reason.HEADER_MISMATCH;
import static org.openstc.identity.IdentityFileException.Reason.IO_ERROR;
import static org.openstc.identity.IdentityFileException.Reason.WRONG_KEY_TYPE;
import static org.openstc.identity.IdentityFileException.Reason.WRONG_KIND;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/**
 * A public identity file: a client identity ({@code <label>.stcid}) or a partition identity
 * ({@code <serial>.pid}). The format is specified in docs/identity-files.md; {@link #parse} accepts
 * exactly that format and rejects everything else with an {@link IdentityFileException}.
 */
public final class IdentityFile {
  /** Labels: 1-64 characters, letters, digits, {@code . _ -}, starting with a letter or digit. */
  public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  /** Partition serials: 1 to 18 decimal digits, not zero. */
  public static final long MAX_SERIAL = 999_999_999_999_999_999L;
  /** Larger files (or endless ones such as {@code /dev/zero}) are refused without reading them. */
  public static final int MAX_FILE_SIZE = 16 * 1024;
  static final Set<String> HEADERS =
      Set.of("Version", "Kind", "Key-Type", "Serial", "Label", "Fingerprint");

  private final IdentityKind kind;
  private final String label;
  private final long serial;
  private final PeerIdentity identity;

  private IdentityFile(IdentityKind kind, String label, long serial, PeerIdentity identity) {
    this.kind = kind;
    this.label = label;
    this.serial = serial;
    this.identity = identity;
  }

  /** A client identity file value; the label must match {@link #LABEL}. */
  public static IdentityFile client(String label, PeerIdentity identity) throws IdentityFileException {
    return create(IdentityKind.CLIENT, label, 0, identity);
  }

  /** A partition identity file value; the serial must be in 1..{@link #MAX_SERIAL}. */
  public static IdentityFile partition(long serial, String label, PeerIdentity identity)
      throws IdentityFileException {
    return create(IdentityKind.PARTITION, label, serial, identity);
  }

  static IdentityFile create(IdentityKind kind, String label, long serial, PeerIdentity identity)
      throws IdentityFileException {
    if (!isValidLabel(label)) {
      throw new IdentityFileException(BAD_LABEL, "invalid label '" + IdentityArmour.clip(label)
          + "' (1-64 of A-Z a-z 0-9 . _ -, starting with a letter or digit)");
    }
    boolean serialOk = kind == IdentityKind.CLIENT ? serial == 0 : serial > 0 && serial <= MAX_SERIAL;
    if (!serialOk) {
      throw new IdentityFileException(BAD_SERIAL, "invalid serial " + Long.toUnsignedString(serial)
          + " for a " + kind.label() + " identity");
    }
    return new IdentityFile(kind, label, serial, identity);
  }

  public static boolean isValidLabel(String label) {
    return label != null && LABEL.matcher(label).matches();
  }

  /** Reads and parses {@code file}. */
  public static IdentityFile read(Path file) throws IdentityFileException {
    try {
      return parse(new String(SmallFiles.read(file, MAX_FILE_SIZE), StandardCharsets.ISO_8859_1));
    } catch (SmallFiles.TooLarge e) {
      throw new IdentityFileException(IO_ERROR, e.getMessage() + " (not an identity file)", e);
    } catch (IOException e) {
      throw new IdentityFileException(IO_ERROR, "cannot read " + file + ": " + e, e);
    }
  }

  /** Reads {@code file} and requires it to hold an identity of {@code expected} kind. */
  public static IdentityFile read(Path file, IdentityKind expected) throws IdentityFileException {
    IdentityFile f = read(file);
    if (f.kind != expected) {
      throw new IdentityFileException(WRONG_KIND,
          file + " holds a " + f.kind.label() + " identity, not a " + expected.label() + " identity");
    }
    return f;
  }

  /** Parses the text of an identity file. */
  public static IdentityFile parse(String text) throws IdentityFileException {
    IdentityArmour.Parsed armour = IdentityArmour.parse(text, HEADERS);
    IdentityFile f = IdentityBody.decode(armour.body());
    if (f.kind != armour.kind()) {
      throw new IdentityFileException(HEADER_MISMATCH, "the armour says " + armour.kind().label()
          + " but the body holds a " + f.kind.label() + " identity");
    }
    Map<String, String> expected = f.headers();
    if (!expected.equals(armour.headers())) {
      throw new IdentityFileException(HEADER_MISMATCH, mismatch(expected, armour.headers()));
    }
    return f;
  }

  private static String mismatch(Map<String, String> expected, Map<String, String> actual) {
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (!e.getValue().equals(actual.get(e.getKey()))) {
        return "header '" + e.getKey() + "' is missing or disagrees with the body";
      }
    }
    return "unexpected header for this kind of identity";
  }

  /** The armoured text of this file. */
  public String armoured() {
    return IdentityArmour.format(kind, headers(), IdentityBody.encode(this));
  }

  /** Writes this file to {@code file} owner-only (0600), atomically. */
  public void write(Path file) throws IOException {
    OwnerOnlyFiles.write(file, armoured().getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes this file as {@code dir/}{@link #fileName()}, creating {@code dir}; returns the path. */
  public Path writeTo(Path dir) throws IOException {
    OwnerOnlyFiles.createDirectories(dir);
    Path file = dir.resolve(fileName());
    write(file);
    return file;
  }

  /** {@code <label>.stcid} for a client, {@code <serial>.pid} for a partition. */
  public String fileName() {
    return (kind == IdentityKind.CLIENT ? label : Long.toString(serial)) + kind.extension();
  }

  /** Throws {@link IdentityFileException.Reason#WRONG_KEY_TYPE} unless the key is {@code type}. */
  public IdentityFile requireKeyType(KeyType type) throws IdentityFileException {
    if (keyType() != type) {
      throw new IdentityFileException(WRONG_KEY_TYPE, "the " + kind.label() + " identity key is "
          + keyType().label() + " but " + type.label() + " is required");
    }
    return this;
  }

  private Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Version", Integer.toString(IdentityBody.VERSION));
    h.put("Kind", kind.label());
    h.put("Key-Type", keyType().label());
    if (kind == IdentityKind.PARTITION) {
      h.put("Serial", Long.toString(serial));
    }
    h.put("Label", label);
    h.put("Fingerprint", identity.fingerprint());
    return h;
  }

  public IdentityKind kind() {
    return kind;
  }

  public KeyType keyType() {
    return identity.keyType();
  }

  public PeerIdentity identity() {
    return identity;
  }

  public String label() {
    return label;
  }

  /** The partition serial; 0 for a client identity. */
  public long serial() {
    return serial;
  }

  public String fingerprint() {
    return identity.fingerprint();
  }

  @Override
  public String toString() {
    return kind.label() + " identity " + (serial != 0 ? serial + " " : "") + label + " " + identity;
  }
}
