package org.openstc.stc.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.vectors.Transcript.Outcome;

/**
 * Replays {@code stc1_vectors.json} through both providers: valid transcripts are reproduced byte
 * for byte and deliver their payloads; in invalid ones the receiver of the last frame refuses it
 * with exactly the expected code. Also checks that the file is what the generator produces, with
 * either provider ({@code -Dstc.vectors.regenerate=true} rewrites it instead).
 */
class StcVectorsTest {

  static Stream<CryptoProvider> providers() {
    return CryptoProviders.all().stream();
  }

  static String checkedIn() throws IOException {
    try (InputStream in = StcVectorsTest.class.getClassLoader()
        .getResourceAsStream(StcVectorGenerator.RESOURCE)) {
      if (in == null) {
        fail("missing test resource " + StcVectorGenerator.RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void everyVectorReplays(CryptoProvider provider) throws Exception {
    List<VectorJson.Group> groups = VectorJson.read(checkedIn());
    List<String> failures = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    for (VectorJson.Group g : groups) {
      for (VectorCase c : g.tests()) {
        String problem = replay(c, provider);
        if (problem != null) {
          failures.add("tcId " + c.tcId() + " " + g.suite() + " (" + c.comment() + "): "
              + problem);
        } else if (c.valid()) {
          valid++;
        } else {
          invalid++;
        }
      }
    }
    System.out.printf("STC/1 vectors with %s: %d valid and %d invalid passed, %d failed%n",
        provider.name(), valid, invalid, failures.size());
    assertEquals(List.of(), failures);
    assertTrue(valid > 0 && invalid > 0, "no vectors ran");
  }

  /** Null if the case behaves as the vector says, else what went wrong. */
  private static String replay(VectorCase c, CryptoProvider provider) {
    try {
      Outcome o = Transcript.replay(Session.start(c.setup(), provider), c.steps());
      if (c.valid()) {
        return o.completed() ? null : "refused at step " + o.failedAt() + ": "
            + o.failure().getMessage();
      }
      if (o.completed()) {
        return "completed, expected " + c.expectedError();
      }
      if (o.failedAt() != c.steps().size() - 1 || o.failure().error() != c.expectedError()) {
        return "refused at step " + o.failedAt() + " with " + o.failure().error()
            + ", expected " + c.expectedError() + " at step " + (c.steps().size() - 1);
      }
      return null;
    } catch (Exception | AssertionError e) {
      return e.toString();
    }
  }

  /**
   * Generation with either provider gives the same text, and it is the checked-in file; with
   * {@code -Dstc.vectors.regenerate=true} the file is rewritten instead of compared.
   */
  @Test
  void bothProvidersGenerateTheCheckedInFile() throws Exception {
    String jca = StcVectorGenerator.generate(CryptoProviders.jca());
    String bc = StcVectorGenerator.generate(CryptoProviders.bouncyCastle());
    assertTrue(jca.equals(bc), "JCA and Bouncy Castle generate different vectors");
    if (Boolean.getBoolean("stc.vectors.regenerate")) {
      Files.writeString(StcVectorGenerator.SOURCE_FILE, jca, StandardCharsets.UTF_8);
      System.out.println("regenerated " + StcVectorGenerator.SOURCE_FILE.toAbsolutePath());
      return;
    }
    assertTrue(jca.equals(checkedIn()), "stc1_vectors.json is stale: regenerate it with "
        + "mvn -B -o -q -pl stc-protocol test -Dtest=StcVectorsTest -Dstc.vectors.regenerate=true");
  }

  /** The loader is not a rubber stamp: an altered frame or a wrong expected code is reported. */
  @Test
  void theLoaderNoticesAlteredVectors() throws Exception {
    List<VectorCase> cases = VectorJson.read(checkedIn()).get(0).tests();
    VectorCase valid = cases.stream().filter(VectorCase::valid).findFirst().orElseThrow();
    List<Step> altered = new ArrayList<>();
    for (Step s : valid.steps()) {
      altered.add(new Step(s.op, s.dir, s.type, s.payload, s.frame == null ? null
          : s.frame.clone(), null));
    }
    altered.get(1).frame[altered.get(1).frame.length - 1] ^= 1;
    assertTrue(replay(new VectorCase(valid.tcId(), "", List.of(), true, valid.setup(), altered,
        null), CryptoProviders.jca()).contains("produced"));
    VectorCase invalid = cases.stream().filter(c -> !c.valid()).findFirst().orElseThrow();
    VectorCase wrongCode = new VectorCase(invalid.tcId(), "", List.of(), false, invalid.setup(),
        invalid.steps(), invalid.expectedError() == org.openstc.stc.StcError.CKR_STC_NO_CONTEXT
            ? org.openstc.stc.StcError.CKR_STC_FRAME_INVALID
            : org.openstc.stc.StcError.CKR_STC_NO_CONTEXT);
    assertTrue(replay(wrongCode, CryptoProviders.jca()).contains("expected"));
  }
}
