package org.openstc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.conformance.keys.TestKeyFile;
import org.openstc.conformance.report.JsonReport;
import org.openstc.conformance.report.JunitXmlReport;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;

/** The engine on its own: verdicts, the sanity rule, reports and the test key format. */
class EngineTest {

  /** A target whose sanity check answers what the test says. */
  private record FakeTarget(String sanity) implements Target {
    @Override
    public String describe() {
      return "fake";
    }

    @Override
    public String sanityCheck() {
      return sanity;
    }
  }

  private static final ConformanceCase<FakeTarget> REFUSES = ConformanceCase.hostile("T-001",
      "§0", "refuses", Outcome.error(StcError.CKR_STC_FRAME_INVALID),
      t -> Outcome.error(StcError.CKR_STC_FRAME_INVALID));

  @Test
  void hostileCasePassesOnlyWithTheExactCodeAndAHealthyTarget() {
    assertEquals(Verdict.PASS, new Runner<>(new FakeTarget(null)).runOne(REFUSES).verdict());
    CaseResult sick = new Runner<>(new FakeTarget("no answer")).runOne(REFUSES);
    assertEquals(Verdict.FAIL, sick.verdict());
    assertTrue(sick.reason().contains("no answer"), sick.reason());
    ConformanceCase<FakeTarget> otherCode = ConformanceCase.hostile("T-002", "§0", "x",
        Outcome.error(StcError.CKR_STC_FRAME_INVALID), t -> Outcome.error(StcError.CKR_STC_NO_CONTEXT));
    assertEquals(Verdict.FAIL, new Runner<>(new FakeTarget(null)).runOne(otherCode).verdict());
  }

  @Test
  void unsupportedIsNeitherPassNorFailAndStrictCountsIt() {
    ConformanceCase<FakeTarget> c = ConformanceCase.positive("T-003", "§0", "needs more", t -> {
      throw new Unsupported("no p521 partition");
    });
    List<CaseResult> r = new Runner<>(new FakeTarget(null)).run(List.of(c), x -> true);
    assertEquals(Verdict.UNSUPPORTED, r.get(0).verdict());
    assertTrue(Runner.passed(r, false));
    assertFalse(Runner.passed(r, true));
  }

  @Test
  void aThrowingBodyIsNeverAPass() {
    ConformanceCase<FakeTarget> c = ConformanceCase.positive("T-004", "§0", "crashes", t -> {
      throw new IllegalStateException("boom");
    });
    CaseResult r = new Runner<>(new FakeTarget(null)).runOne(c);
    assertEquals(Verdict.FAIL, r.verdict());
    assertEquals(Outcome.Kind.UNEXPECTED, r.observed().kind());
  }

  @Test
  void optionalFailuresDoNotFailTheRun() {
    List<CaseResult> r = new Runner<>(new FakeTarget("down")).run(List.of(REFUSES.optional()),
        x -> true);
    assertEquals(Verdict.FAIL, r.get(0).verdict());
    assertTrue(Runner.passed(r, true));
  }

  @Test
  void caseIdsAreStable() {
    assertThrows(IllegalArgumentException.class, () -> ConformanceCase.positive("open-7", "§0",
        "x", t -> Outcome.success()));
  }

  @Test
  void reportsCarryEveryCaseAndEscapeXml() {
    ConformanceCase<FakeTarget> c = ConformanceCase.positive("T-005", "§0", "a <b> & \"c\"",
        t -> Outcome.unexpected("x\u0001y"));
    List<CaseResult> r = new Runner<>(new FakeTarget(null)).run(List.of(c, REFUSES), x -> true);
    String xml = JunitXmlReport.render("s", r);
    assertTrue(xml.contains("tests=\"2\" failures=\"1\""), xml);
    assertTrue(xml.contains("a &lt;b&gt; &amp; &quot;c&quot;"), xml);
    assertFalse(xml.contains("\u0001"));
    String json = JsonReport.render("fake", "partition", r, false);
    assertTrue(json.contains("\"code\": \"0x80000F01\""), json);
    assertTrue(json.contains("\"passed\": false"), json);
  }

  @Test
  void testKeyFilesRoundTripAndRejectDefects(@TempDir Path dir) throws Exception {
    for (KeyType type : KeyType.values()) {
      TestKeyFile k = TestKeyFile.generate("k-" + type.label(), type, CryptoProviders.jca());
      Path f = dir.resolve(type.label() + TestKeyFile.EXTENSION);
      k.write(f);
      TestKeyFile back = TestKeyFile.read(f);
      assertEquals(k.toStaticKey(CryptoProviders.jca()).identity(),
          back.toStaticKey(CryptoProviders.jca()).identity());
      assertEquals(k.identityFile(CryptoProviders.jca()).fingerprint(),
          back.toStaticKey(CryptoProviders.jca()).identity().fingerprint());
    }
    Path bad = dir.resolve("bad.testkey");
    for (String text : List.of("type: x25519\nprivate: 00\n", "openstc-test-key: 1\ntype: x448\n"
        + "private: 00\n", "openstc-test-key: 1\ntype: x25519\ntype: p256\nprivate: 00\n",
        "openstc-test-key: 1\ntype: x25519\nprivate: zz\n",
        "openstc-test-key: 1\ntype: x25519\nprivate: 00\n",
        "openstc-test-key: 1\ntype: p256\nprivate: " + "ff".repeat(32) + "\n")) {
      Files.writeString(bad, text, StandardCharsets.UTF_8);
      assertThrows(java.io.IOException.class, () -> TestKeyFile.read(bad), text);
    }
  }
}
