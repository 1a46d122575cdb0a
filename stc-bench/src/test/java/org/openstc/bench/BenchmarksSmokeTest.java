package org.openstc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;

/**
 * CI runs every benchmark method once (a token iteration: {@code @Setup}, the method, the check of
 * its result) so the benchmarks compile and keep working; it measures nothing. The real runs are
 * in docs/performance.md.
 */
class BenchmarksSmokeTest {

  @Test
  void everyRecordVariantRoundTripsEverySize() throws Exception {
    RecordBenchmark bench = new RecordBenchmark();
    for (String size : params(RecordBenchmark.ChannelState.class, "size")) {
      for (String variant : params(RecordBenchmark.ChannelState.class, "variant")) {
        RecordBenchmark.ChannelState s = new RecordBenchmark.ChannelState();
        s.size = Integer.parseInt(size);
        s.variant = variant;
        s.setUp();
        assertArrayEquals(s.payload, bench.channel(s), variant + " " + size);
        assertArrayEquals(s.payload, bench.channel(s), variant + " " + size + " second record");
        s.tearDown();
      }
      RecordBenchmark.RawState raw = new RecordBenchmark.RawState();
      raw.size = Integer.parseInt(size);
      raw.setUp();
      assertArrayEquals(raw.payload, bench.rawAesGcm(raw));
      assertArrayEquals(raw.payload, bench.rawAesGcmNoAad(raw));
    }
  }

  @Test
  void everyHandshakeSuiteActivates() throws Exception {
    for (String suite : params(HandshakeBenchmark.class, "suite")) {
      for (String provider : params(HandshakeBenchmark.class, "provider")) {
        HandshakeBenchmark bench = new HandshakeBenchmark();
        bench.suite = suite;
        bench.provider = provider;
        bench.setUp();
        assertEquals(2, bench.handshake().length, suite + " " + provider);
      }
    }
  }

  @Test
  void everyDhOperationRunsOnEveryProvider() throws Exception {
    for (String curve : params(EcdhBenchmark.class, "curve")) {
      for (String provider : params(EcdhBenchmark.class, "provider")) {
        EcdhBenchmark bench = new EcdhBenchmark();
        bench.curve = curve;
        bench.provider = provider;
        bench.setUp();
        String what = curve + " " + provider;
        assertEquals(curve.equals("25519") ? 32 : curve.equals("P256") ? 65 : 133,
            bench.keygen().length, what);
        assertEquals(curve.equals("P521") ? 66 : 32, bench.agree().length, what);
        bench.validate();
        assertTrue(bench.sampleScalar().length > 0, what);
      }
    }
  }

  @Test
  void providerChoiceTableHasEveryOperation() throws Exception {
    String table = ProviderInterleaved.tokenRun();
    for (String op : new String[] {"P256 agree | BC-wNAF", "P521 keygen | TUNED",
        "25519 agree | BC", "ChaChaPoly seal 1KiB | TUNED", "handshake P521 | TUNED"}) {
      assertTrue(table.contains("| " + op + " |"), op + " missing from\n" + table);
    }
  }

  @Test
  void everyLmdbProxyReadsBackWhatItWrote() throws Exception {
    LmdbProxyBenchmark bench = new LmdbProxyBenchmark();
    for (String proxy : params(LmdbProxyBenchmark.Store.class, "proxy")) {
      LmdbProxyBenchmark.Store s = new LmdbProxyBenchmark.Store();
      s.proxy = proxy;
      s.size = 1024;
      s.setUp();
      try {
        assertArrayEquals(s.value, bench.get(s), proxy);
        bench.put(s);
        assertEquals(64L * 1024, bench.get64(s), proxy);
      } finally {
        s.tearDown();
      }
    }
  }

  @Test
  void everyCommandServicePathEncrypts() throws Exception {
    CommandServiceBenchmark bench = new CommandServiceBenchmark();
    bench.setUp();
    try {
      for (byte[] response : List.of(bench.cachedKey(), bench.cachedKeyInline(),
          bench.uncachedKey())) {
        CommandResponse r = CommandResponse.decode(response);
        assertEquals(CkResult.CKR_OK, r.result(), r::toString);
        assertTrue(r.body().length > 1024 + 28, "Tink AES-GCM: prefix, IV, ciphertext, tag");
      }
    } finally {
      bench.tearDown();
    }
  }

  /** The values of a {@code @Param} field, so this test follows the benchmark's own list. */
  private static String[] params(Class<?> state, String field) throws NoSuchFieldException {
    return state.getField(field).getAnnotation(Param.class).value();
  }

  @Test
  void handshakeArithmeticSumsEverySuite() throws Exception {
    String table = HandshakeArithmetic.tokenRun();
    for (String row : new String[] {"| TLS ECDSA P-256 verify |", "| STC P521 agree |",
        "| TLS 1.3 mutual |", "| STC P521 |", "| STC 25519 (client caches ss) |"}) {
      assertTrue(table.contains(row), row + " missing from\n" + table);
    }
  }

  @Test
  void interleavedRatioRunsOnce() throws Exception {
    assertTrue(Interleaved.tokenRun().contains("| 65536 |"));
  }

  @Test
  void reportFormatsNothingForNoResults() {
    assertTrue(Report.tables(java.util.List.of()).isEmpty());
  }
}
