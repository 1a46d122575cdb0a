package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LunaSH habits in stcsh: {@code par cr -p NAME -s SIZE}, prefixes in one-shot and in the shell. */
class StcShAbbreviationsTest {
  @TempDir Path home;

  @Test
  void prefixesAndShortOptionsInOneShotAndShell() {
    // "par sh" is ambiguous since partition showPolicies exists (as in LunaSH): show is typed in full
    StcShHarness sh = StcShHarness.initialized(home);
    assertEquals(0, sh.run("par", "cr", "-p", "p1", "-s", "5000"), sh.both());
    assertTrue(sh.out.contains("Successfully created partition p1"), sh.both());
    assertEquals(0, sh.runWith("PART res -p p1 -si 9000\npar show -par p1\nexit\n"), sh.both());
    assertTrue(sh.out.contains("9000"), sh.both());
    assertEquals(2, sh.run("partition", "s", "-p", "p1"), sh.both());
    assertTrue(sh.err.contains("'s' is not unique") && sh.err.contains("'show'")
        && sh.err.contains("'stcidentity'"), sh.both());
  }

  @Test
  void helpShowsAbbreviationsShellKeysAndProgress() {
    StcShHarness sh = new StcShHarness(home);
    assertEquals(0, sh.run("-help"), sh.both());
    assertTrue(sh.out.contains("Abbreviations: any unambiguous prefix")
        && sh.out.contains("Tab completes commands and options") && sh.out.contains("stcsh_history")
        && sh.out.contains("client register -dir DIR"), sh.both());
  }
}
