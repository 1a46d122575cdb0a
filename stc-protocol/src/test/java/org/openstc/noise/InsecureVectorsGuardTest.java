package org.openstc.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhFunction;

/**
 * {@link HandshakeBuilder#insecureFixedEphemeral} works only in a JVM started with
 * {@code -Dopenstc.insecure.vectors=true}. Only this module's Surefire run sets the property (for the
 * vector replays), so the guard is checked in child JVMs that do not inherit this one's properties.
 */
class InsecureVectorsGuardTest {
  private static final String ACCEPTED = "fixed ephemeral accepted";
  private static final String REFUSED = "refused: ";

  @Test
  void aJvmWithoutThePropertyRefusesFixedEphemeralKeys() throws Exception {
    String out = probe(null);
    assertTrue(out.startsWith(REFUSED), out);
    assertTrue(out.contains(HandshakeBuilder.INSECURE_VECTORS_PROPERTY), out);
  }

  @Test
  void onlyTheValueTrueOpensTheGuard() throws Exception {
    assertTrue(probe("false").startsWith(REFUSED));
    assertTrue(probe("yes").startsWith(REFUSED));
    assertEquals(ACCEPTED, probe("true"));
  }

  /** Runs {@link Probe} in a fresh JVM with the property set to {@code value} (or absent). */
  private static String probe(String value) throws IOException, InterruptedException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp",
        System.getProperty("java.class.path")));
    if (value != null) {
      cmd.add("-D" + HandshakeBuilder.INSECURE_VECTORS_PROPERTY + "=" + value);
    }
    cmd.add(Probe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("probe JVM did not finish within 60 s");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** The child JVM: tries to fix an ephemeral key and prints what happened. */
  public static final class Probe {
    private Probe() {}

    public static void main(String[] args) throws Exception {
      NoiseSuite suite = NoiseSuite.of(CryptoProviders.jca(), "25519", "ChaChaPoly", "SHA256");
      DhFunction dh = suite.dh();
      HandshakeBuilder b = HandshakeState.builder(suite, Patterns.IK, true);
      try {
        b.insecureFixedEphemeral(dh.generateKeyPair(CryptoProviders.jca().random()));
        System.out.println(ACCEPTED);
      } catch (IllegalStateException e) {
        System.out.println(REFUSED + e.getMessage());
      }
    }
  }
}
