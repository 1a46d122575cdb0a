package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code stcsh:>} and {@code stccm:>} shells on a real terminal (tmux), driven as a user types:
 * Tab completes commands and options, Up recalls lines of an earlier session (the history file),
 * and a password prompt shows nothing of what is typed, which never reaches the history file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ShellOnTerminalIT {
  @TempDir Path dir;

  @Test
  void tabCompletesCommandsAndOptions() throws Exception {
    try (TmuxScreen t = TmuxScreen.start("stcsh", Map.of("STC_HOST_HOME", dir.toString()))) {
      t.awaitText("stcsh:>");
      t.type("par");
      t.keys("Tab");
      t.awaitLine("stcsh:> partition");
      t.type("cre");
      t.keys("Tab");
      t.awaitLine("stcsh:> partition create");
      t.type("-par");
      t.keys("Tab");
      t.awaitLine("stcsh:> partition create -partition");
      t.keys("C-u");
      t.type("exit");
      t.keys("Enter");
      t.awaitText("[exited 0]");
    }
  }

  @Test
  void upRecallsTheLastLineOfAnEarlierSession() throws Exception {
    Map<String, String> env = Map.of("STC_HOST_HOME", dir.toString());
    try (TmuxScreen t = TmuxScreen.start("stcsh", env)) {
      t.awaitText("stcsh:>");
      t.type("partition list");
      t.keys("Enter");
      t.awaitText("Command Result");
      t.type("exit");
      t.keys("Enter");
      t.awaitText("[exited");
    }
    assertTrue(Files.readString(dir.resolve("stcsh_history")).contains("partition list"));
    try (TmuxScreen t = TmuxScreen.start("stcsh", env)) {
      t.awaitText("stcsh:>");
      t.keys("Up");
      t.awaitLine("stcsh:> partition list");
    }
  }

  @Test
  void aPasswordPromptShowsNothingTypedAndTheHistoryKeepsNoSecret() throws Exception {
    String secret = "Sekr3t-PW-77";
    Path home = dir.resolve("client");
    try (TmuxScreen t = TmuxScreen.start("stccm", Map.of("STC_HOME", home.toString()))) {
      t.awaitText("stccm:>");
      t.type("stc tokeninit -label t -password");
      t.keys("Enter");
      t.awaitText("Enter a token password:");
      t.type(secret);
      t.keys("Enter");
      t.awaitText("Re-enter to confirm:");
      t.type(secret);
      t.keys("Enter");
      String screen = t.awaitText("Command Result : 0 (Success)");
      assertTrue(screen.contains("derived from the token password"), screen);
      assertFalse(screen.contains(secret), screen);
      assertTrue(screen.lines().filter(l -> l.startsWith("Enter a token password:")
          || l.startsWith("Re-enter to confirm:")).allMatch(l -> l.strip().endsWith(":")), screen);
      t.type("stc tokenlist -password " + secret);
      t.keys("Enter");
      t.awaitText("Command Result");
      t.type("exit");
      t.keys("Enter");
      t.awaitText("[exited");
    }
    String history = Files.readString(home.resolve("stccm_history"));
    assertTrue(history.contains("stc tokeninit -label t -password"), history);
    assertFalse(history.contains(secret), history);
  }
}
