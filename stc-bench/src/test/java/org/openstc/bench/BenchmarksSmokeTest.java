package org.openstc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

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
      HandshakeBenchmark bench = new HandshakeBenchmark();
      bench.suite = suite;
      bench.setUp();
      assertEquals(2, bench.handshake().length);
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

  /** The values of a {@code @Param} field, so this test follows the benchmark's own list. */
  private static String[] params(Class<?> state, String field) throws NoSuchFieldException {
    return state.getField(field).getAnnotation(Param.class).value();
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
