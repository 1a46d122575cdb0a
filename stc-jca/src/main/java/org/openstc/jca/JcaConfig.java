package org.openstc.jca;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.ProviderException;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import org.openstc.client.StcClient;
import org.openstc.command.Role;

/**
 * The provider's configuration (docs/jca.md): {@code home} (the client home, default
 * {@code STC_HOME} or {@code ~/.stc}), {@code slot} (a slot number, a partition serial or a
 * partition label; default 0), {@code passphraseFile} (the token passphrase, when it has one),
 * {@code pinFile} (the PIN used when no KeyStore was loaded with one) and {@code role}
 * ({@code co}, the default, or {@code cu}). Given as a properties file path or as the properties
 * themselves, one per line or separated by {@code ;}.
 */
record JcaConfig(Path home, String slot, Path passphraseFile, Path pinFile, Role role) {
  private static final Set<String> KEYS = Set.of("home", "slot", "passphraseFile", "pinFile", "role");

  static JcaConfig defaults() {
    return new JcaConfig(StcClient.defaultHome(), "0", null, null, Role.CO);
  }

  /** A path to a properties file, or properties inline ({@code home=/x;slot=0}). */
  static JcaConfig parse(String arg) {
    if (arg == null || arg.isBlank()) {
      return defaults();
    }
    String text = arg.contains("=") ? arg.replace(';', '\n') : read(Paths.get(arg.trim()));
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new ProviderException("OpenSTC configuration is not valid properties: " + e.getMessage());
    }
    for (String k : p.stringPropertyNames()) {
      if (!KEYS.contains(k)) {
        throw new ProviderException("OpenSTC configuration: unknown key '" + k + "' (known: " + KEYS + ")");
      }
    }
    String role = p.getProperty("role", "co").trim();
    if (!role.equals("co") && !role.equals("cu")) {
      throw new ProviderException("OpenSTC configuration: role must be co or cu, not '" + role + "'");
    }
    return new JcaConfig(path(p, "home", StcClient.defaultHome()), p.getProperty("slot", "0").trim(),
        path(p, "passphraseFile", null), path(p, "pinFile", null), role.equals("co") ? Role.CO : Role.CU);
  }

  /** The first line of a secret file, as chars; the caller wipes them. Null when no file is set. */
  static char[] secret(Path file, String what) {
    if (file == null) {
      return null;
    }
    byte[] bytes = null;
    try {
      bytes = Files.readAllBytes(file);
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      java.nio.CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(bytes, 0, end));
      char[] out = Arrays.copyOf(chars.array(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return out;
    } catch (IOException e) {
      throw new ProviderException("cannot read the OpenSTC " + what + " file " + file + ": " + e.getMessage());
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  private static Path path(Properties p, String key, Path fallback) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() ? fallback : Paths.get(v.trim());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ProviderException("cannot read the OpenSTC configuration " + file + ": " + e);
    }
  }
}
