package org.openstc.partition.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openstc.command.CkResult;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;

/**
 * The small text files of the sealed host ({@code master.key}, {@code host.record}, share files,
 * the auto-activation blob): {@code name=value} lines, the first naming the format. Binary values
 * are Base64. Written owner-only and atomically; read with a size limit, and any missing, repeated
 * or malformed line is a refusal naming the file.
 */
final class SealFile {
  static final int LIMIT = 8 * 1024;

  private final Path file;
  private final Map<String, String> values;

  private SealFile(Path file, Map<String, String> values) {
    this.file = file;
    this.values = values;
  }

  static SealFile create(String format) {
    SealFile f = new SealFile(null, new LinkedHashMap<>());
    f.values.put("format", format);
    return f;
  }

  /** Reads {@code file}, which must name {@code format} on its first line. */
  static SealFile read(Path file, String format) throws StoreException {
    byte[] bytes;
    try {
      bytes = SmallFiles.read(file, LIMIT);
    } catch (SmallFiles.TooLarge e) {
      throw invalid(file, "it is larger than " + LIMIT + " bytes");
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (line.isEmpty()) {
        continue;
      }
      if (eq <= 0 || values.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
        throw invalid(file, "a line is malformed or repeated");
      }
    }
    if (!format.equals(values.get("format"))) {
      throw invalid(file, "it is not a " + format + " file");
    }
    return new SealFile(file, values);
  }

  static boolean isFormat(Path file, String format) {
    try {
      byte[] head = SmallFiles.read(file, LIMIT);
      return new String(head, StandardCharsets.UTF_8).startsWith("format=" + format + "\n");
    } catch (IOException e) {
      return false;
    }
  }

  SealFile put(String name, Object value) {
    String s = String.valueOf(value);
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(name + " must be one line");
    }
    values.put(name, s);
    return this;
  }

  SealFile putBytes(String name, byte[] value) {
    return put(name, Base64.getEncoder().encodeToString(value));
  }

  String get(String name) throws StoreException {
    String v = values.get(name);
    if (v == null) {
      throw invalid(file, "it has no " + name);
    }
    return v;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  long getLong(String name, long min, long max) throws StoreException {
    try {
      long v = Long.parseLong(get(name));
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw invalid(file, name + " is not a number in " + min + ".." + max);
  }

  int getInt(String name, int min, int max) throws StoreException {
    return (int) getLong(name, min, max);
  }

  byte[] getBytes(String name) throws StoreException {
    try {
      return Base64.getDecoder().decode(get(name));
    } catch (IllegalArgumentException e) {
      throw invalid(file, name + " is not Base64");
    }
  }

  void write(Path target) throws IOException {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    OwnerOnlyFiles.write(target, b.toString().getBytes(StandardCharsets.UTF_8));
  }

  static void writeOrFail(SealFile f, Path target) throws StoreException {
    try {
      f.write(target);
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  static void deleteOrFail(Path target) throws StoreException {
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot delete " + target + ": " + e.getMessage(), e);
    }
  }

  StoreException invalid(String why) {
    return invalid(file, why);
  }

  static StoreException invalid(Path file, String why) {
    return new StoreException(CkResult.CKR_DEVICE_ERROR, file + " is damaged or not what it should be: " + why
        + "; nothing was changed");
  }
}
