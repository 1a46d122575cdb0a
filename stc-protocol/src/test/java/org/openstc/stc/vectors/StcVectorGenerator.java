package org.openstc.stc.vectors;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.vectors.Transcript.Outcome;

/**
 * Writes {@code src/test/resources/stc-vectors/stc1_vectors.json}: deterministic STC/1 transcripts
 * with fixed static and ephemeral keys, valid and invalid, in the Wycheproof style. Every case is
 * run while it is generated and must end as its script says (valid: all steps; invalid: the last
 * step refused with the stated code), so the file never claims what the code does not do.
 *
 * <p>Run from the repository root (each side's ephemeral key is fixed by the provider it runs on,
 * see {@link Session}):
 * <pre>
 * mvn -B -o -q -pl stc-protocol test -Dtest=StcVectorsTest -Dstc.vectors.regenerate=true
 * </pre>
 * or directly, with the test classpath:
 * <pre>
 * java -cp &lt;test classpath&gt; \
 *     org.openstc.stc.vectors.StcVectorGenerator [jca|bc] [output file]
 * </pre>
 */
public final class StcVectorGenerator {
  /** Where the file lives, relative to the stc-protocol module. */
  public static final String RESOURCE = "stc-vectors/stc1_vectors.json";
  public static final Path SOURCE_FILE = Path.of("src/test/resources", RESOURCE);

  /** The suites that get a group: all X25519 suites, one P-256 and one P-521 suite. */
  public static final List<Suite> GROUP_SUITES = List.of(Suite.X25519_AESGCM_SHA256,
      Suite.X25519_CHACHAPOLY_SHA256, Suite.X25519_AESGCM_SHA512, Suite.X25519_CHACHAPOLY_SHA512,
      Suite.P256_AESGCM_SHA256, Suite.P521_AESGCM_SHA512);

  private StcVectorGenerator() {}

  public static void main(String[] args) throws Exception {
    CryptoProvider provider = args.length > 0 && args[0].equalsIgnoreCase("bc")
        ? CryptoProviders.bouncyCastle() : CryptoProviders.jca();
    Path out = args.length > 1 ? Path.of(args[1]) : SOURCE_FILE;
    String json = generate(provider);
    Files.writeString(out, json, StandardCharsets.UTF_8);
    System.out.println("wrote " + out + " (" + json.length() + " chars) with " + provider.name());
  }

  /** The whole file, generated with {@code provider}. */
  public static String generate(CryptoProvider provider)
      throws GeneralSecurityException, StcException {
    List<VectorJson.Group> groups = new ArrayList<>();
    int tcId = 1;
    for (Suite suite : GROUP_SUITES) {
      List<VectorCase> tests = new ArrayList<>();
      for (VectorCases.Scripted s : VectorCases.forSuite(suite)) {
        tests.add(run(tcId++, s, provider));
      }
      groups.add(new VectorJson.Group(suite, tests));
    }
    return VectorJson.write(header(), groups, provider);
  }

  private static VectorCase run(int tcId, VectorCases.Scripted s, CryptoProvider provider)
      throws GeneralSecurityException, StcException {
    List<Step> steps = s.script().steps;
    Outcome o = Transcript.generate(Session.start(s.setup(), provider), steps);
    boolean valid = s.expectedError() == null;
    if (valid ? !o.completed() : o.failedAt() != steps.size() - 1
        || o.failure().error() != s.expectedError()) {
      throw new IllegalStateException("case " + tcId + " (" + s.comment() + ") expected "
          + (valid ? "to complete" : s.expectedError() + " at its last step") + " but got "
          + (o.completed() ? "completion" : o.failure().getMessage() + " at step " + o.failedAt()));
    }
    return new VectorCase(tcId, s.comment(), s.flags(), valid, s.setup(), steps,
        s.expectedError());
  }

  private static JsonObject header() {
    JsonObject h = new JsonObject();
    h.addProperty("algorithm", "STC/1");
    h.addProperty("version", "1");
    h.add("header", VectorJson.strings(List.of(
        "openstc's own STC/1 transcripts (Noise IK with OPEN/RETRY/ACTIVATE and the record "
            + "layer); produced by org.openstc.stc.vectors.StcVectorGenerator, identically "
            + "with the JCA and the Bouncy Castle providers. Not a public vector set.",
        "Keys: '<role>PrivateKey' = SHA-256(\"openstc STC/1 vectors <keyType> <role>\") for "
            + "x25519 and p256, 0x0000 || SHA-512(same label) for p521; '<role>PublicKey' is its "
            + "public key (X25519 u-coordinate, or uncompressed SEC1 point). The ephemeral keys "
            + "are fixed (insecure, vectors only); after RETRY the client reuses its ephemeral key.",
        "Steps in order: 'send' = the sender produces 'frame' (byte for byte) and the receiver "
            + "accepts it; 'hold' = produced but not delivered yet; 'inject' = 'frame' (held, "
            + "replayed or tampered) is delivered; 'rekeyNow' = the sending side of 'dir' forces "
            + "a key update before its next record. 'payload' = the DATA payload sealed, or "
            + "delivered for 'inject'.",
        "result 'valid': every step succeeds. 'invalid': every step before 'failingStep' "
            + "succeeds and the receiver of that step's frame refuses it with 'expectedError'.",
        "dir 'c2p' = client to partition, 'p2c' = partition to client. The partition serves "
            + "one partition with 'serial'; policy.rekeyThresholdRecords is per key and "
            + "direction (0 = never).")));
    JsonObject notes = new JsonObject();
    for (Map.Entry<String, String> e : VectorJson.notes().entrySet()) {
      notes.addProperty(e.getKey(), e.getValue());
    }
    h.add("notes", notes);
    return h;
  }
}
