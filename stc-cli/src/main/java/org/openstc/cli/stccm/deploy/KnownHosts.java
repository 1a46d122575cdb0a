package org.openstc.cli.stccm.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;

/**
 * The SSH host keys this client trusts, in {@code known_hosts} of the client home: one line per
 * host, {@code HOST:PORT SHA256:FINGERPRINT} (the OpenSSH fingerprint of the host key, as
 * {@code stcsh sysconf fingerprint ssh} shows it). Owner-only; a line is added when the user
 * accepts a host on first use and never changed silently.
 */
final class KnownHosts {
  static final String FILE = "known_hosts";
  private final Path file;
  private final Map<String, String> entries = new LinkedHashMap<>();

  private KnownHosts(Path file) {
    this.file = file;
  }

  static KnownHosts load(Path home) throws IOException {
    KnownHosts k = new KnownHosts(home.resolve(FILE));
    if (Files.exists(k.file)) {
      String text = new String(SmallFiles.read(k.file), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        String[] f = line.strip().split("\\s+");
        if (f.length == 2 && !f[0].startsWith("#")) {
          k.entries.put(f[0], f[1]);
        }
      }
    }
    return k;
  }

  static String key(String host, int port) {
    return host + ":" + port;
  }

  Optional<String> fingerprint(String host, int port) {
    return Optional.ofNullable(entries.get(key(host, port)));
  }

  Path file() {
    return file;
  }

  /** Trusts {@code fingerprint} for the host from now on. */
  void remember(String host, int port, String fingerprint) throws IOException {
    entries.put(key(host, port), fingerprint);
    StringBuilder text = new StringBuilder();
    entries.forEach((h, f) -> text.append(h).append(' ').append(f).append('\n'));
    OwnerOnlyFiles.createDirectories(file.getParent());
    OwnerOnlyFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
