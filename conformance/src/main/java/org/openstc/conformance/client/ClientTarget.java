package org.openstc.conformance.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.Target;
import org.openstc.conformance.keys.TestKeyFile;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;

/**
 * A client implementation under test, driven through its shim (the contract is in
 * conformance/README.md): for each case the suite starts a scripted partition on loopback, writes
 * its {@code .pid}, launches the shim with the client key, and reads how the shim ended.
 */
public final class ClientTarget implements Target {
  /** How long a scripted partition waits for the client's next frame. */
  static final int SCRIPT_READ_MILLIS = 15_000;
  private static final long SERIAL = 424242;

  private final List<String> shim;
  private final Path workDir;
  private final CryptoProvider provider;
  private final int shimTimeoutMillis;
  private final Map<KeyType, Path> keyFiles = new EnumMap<>(KeyType.class);
  private final Map<KeyType, InMemoryStaticKey> clientKeys = new EnumMap<>(KeyType.class);
  private final Map<KeyType, InMemoryStaticKey> partitionKeys = new EnumMap<>(KeyType.class);

  /**
   * @param shim the shim command line, split into words
   * @param workDir where keys and {@code .pid} files for the shim are written
   * @param shimTimeoutMillis after this the shim is killed and the case fails
   */
  public ClientTarget(List<String> shim, Path workDir, CryptoProvider provider,
      int shimTimeoutMillis) throws Exception {
    if (shim.isEmpty()) {
      throw new IllegalArgumentException("the shim command is empty");
    }
    this.shim = List.copyOf(shim);
    this.workDir = workDir;
    this.provider = provider;
    this.shimTimeoutMillis = shimTimeoutMillis;
    for (KeyType type : KeyType.values()) {
      TestKeyFile key = TestKeyFile.generate("shim-" + type.label(), type, provider);
      Path file = workDir.resolve("shim-" + type.label() + TestKeyFile.EXTENSION);
      key.write(file);
      keyFiles.put(type, file);
      clientKeys.put(type, key.toStaticKey(provider));
      partitionKeys.put(type, InMemoryStaticKey.generate(type, provider));
    }
  }

  /** Splits a {@code -shim} value on white space (use a wrapper script for anything fancier). */
  public static List<String> splitCommand(String command) {
    return Arrays.asList(command.trim().split("\\s+"));
  }

  public CryptoProvider provider() {
    return provider;
  }

  InMemoryStaticKey partitionKey(KeyType type) {
    return partitionKeys.get(type);
  }

  /**
   * Runs one case: a partition with {@code policy} following {@code script}, and the shim asked to
   * send {@code message}.
   */
  Outcome converse(KeyType type, ChannelPolicy policy, byte[] message, boolean expectClose,
      ScriptedPartition.Script script) throws Exception {
    try (ScriptedPartition p = new ScriptedPartition(provider, partitionKeys.get(type), SERIAL,
        clientKeys.get(type), policy, workDir, script)) {
      Outcome o = runShim(p, type, message, expectClose);
      Throwable broken = p.scriptFailure();
      return broken == null ? o : Outcome.unexpected("the case's script failed: " + broken);
    }
  }

  private Outcome runShim(ScriptedPartition p, KeyType type, byte[] message, boolean expectClose)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(shim);
    cmd.addAll(List.of("-host", "127.0.0.1", "-port", Integer.toString(p.port()), "-serial",
        Long.toString(p.serial()), "-pid", p.pidFile().toString(), "-client-key",
        keyFiles.get(type).toString(), "-message", HexFormat.of().formatHex(message)));
    if (expectClose) {
      cmd.add("-expect-close");
    }
    Path stderr = Files.createTempFile(workDir, "shim", ".err");
    try {
      Process proc = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
      proc.getOutputStream().close();
      if (!proc.waitFor(shimTimeoutMillis, TimeUnit.MILLISECONDS)) {
        proc.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return Outcome.unexpected("shim did not exit within " + shimTimeoutMillis + " ms");
      }
      String stdout = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      Outcome o = ShimOutput.parse(proc.exitValue(), stdout, message, expectClose);
      return o.kind() != Outcome.Kind.UNEXPECTED ? o
          : Outcome.unexpected(o.detail() + "; stderr: " + lastLines(stderr));
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  private static String lastLines(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  @Override
  public String describe() {
    return "client shim '" + String.join(" ", shim) + "'";
  }

  @Override
  public String sanityCheck() {
    try {
      byte[] m = "sanity".getBytes(StandardCharsets.US_ASCII);
      Outcome o = converse(KeyType.X25519, ChannelPolicy.defaults(), m, false, Behaviours::echo);
      return o.kind() == Outcome.Kind.SUCCESS ? null : o.toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** How the shim's exit code and stdout map to an {@link Outcome}. */
  static final class ShimOutput {
    private ShimOutput() {}

    static Outcome parse(int exit, String stdout, byte[] message, boolean expectClose) {
      List<String> lines = new ArrayList<>();
      for (String l : stdout.split("\\R")) {
        if (!l.isBlank()) {
          lines.add(l.trim());
        }
      }
      String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
      if (exit == 0) {
        boolean echoed = !lines.isEmpty()
            && lines.get(0).equalsIgnoreCase(HexFormat.of().formatHex(message));
        boolean closed = !expectClose || last.equals("CLOSED");
        return echoed && closed ? Outcome.success()
            : Outcome.unexpected("shim exited 0 but printed " + lines);
      }
      if (exit == 1 && last.startsWith("ERROR ")) {
        String name = last.substring(6).trim();
        if (name.equals("TIMEOUT")) {
          return Outcome.timeout("shim gave up waiting");
        }
        try {
          return Outcome.error(StcError.valueOf(name));
        } catch (IllegalArgumentException e) {
          return Outcome.unexpected("shim: " + last);
        }
      }
      return Outcome.unexpected("shim exited " + exit + " printing " + lines);
    }
  }
}
