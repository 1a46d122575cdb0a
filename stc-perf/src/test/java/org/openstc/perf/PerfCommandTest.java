package org.openstc.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The stc-perf options keep their names and defaults after the move to picocli. */
class PerfCommandTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    PerfMain.Options o = PerfCommand.parse().options();
    assertEquals(new PerfMain.Options("all", 5, 1000, 2000, 10_000, 100_000, 1000,
        List.of(64, 1024, 16384)), o);
  }

  @Test
  void everyOptionIsRead() {
    PerfMain.Options o = PerfCommand.parse("-figure", "a,d", "-runs", "3", "-seconds", "0.5",
        "-warmup", "0.25", "-channels", "7", "-registrations", "9", "-sizes", "64,128").options();
    assertEquals(new PerfMain.Options("a,d", 3, 250, 500, 7, 9, 1000, List.of(64, 128)), o);
  }

  @Test
  void handshakeThreadsIsANumber() {
    assertEquals(2, PerfCommand.parse("-handshake-threads", "2").handshakeThreads);
    assertEquals(null, PerfCommand.parse().handshakeThreads);
    assertThrows(CommandLine.ParameterException.class,
        () -> PerfCommand.parse("-handshake-threads", "two"));
  }

  @Test
  void quickKeepsTheFiguresAndReplacesTheCounts() {
    assertEquals(PerfMain.Options.quick("b"),
        PerfCommand.parse("-quick", "-figure", "b", "-runs", "9").options());
  }

  @Test
  void unknownOptionAndBadNumberAreUsageErrors() {
    assertThrows(CommandLine.ParameterException.class, () -> PerfCommand.parse("-figures", "a"));
    assertThrows(CommandLine.ParameterException.class, () -> PerfCommand.parse("-runs", "x"));
    assertEquals(2, new CommandLine(new PerfCommand()).execute("-bogus"));
  }
}
