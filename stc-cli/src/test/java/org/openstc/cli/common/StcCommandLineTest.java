package org.openstc.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.token.TokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class StcCommandLineTest {
  @TempDir Path dir;

  @Command(name = "demo", subcommands = Demo.Echo.class)
  static final class Demo {
    @Command(name = "echo")
    static final class Echo implements Callable<Integer> {
      private final CliContext ctx;
      @Option(names = {"-label", "--label"}, required = true) String label;
      @Option(names = {"-fail", "--fail"}) String fail;
      @Mixin Options.Json json;
      @Mixin Options.Force force;
      @Mixin Options.Home home;

      Echo(CliContext ctx) {
        this.ctx = ctx;
      }

      @Override
      public Integer call() throws Exception {
        if ("token".equals(fail)) {
          throw new TokenException(TokenException.Reason.PARTITION_NOT_FOUND, "no such partition");
        } else if ("bug".equals(fail)) {
          throw new IllegalStateException("boom");
        }
        Confirmation.require(ctx, force.force, "Echo " + label + "?");
        if (json.json) {
          ctx.printJson(Map.of("label", label, "home", ctx.home(home.home).toString()));
        } else {
          ctx.out().println("label=" + label + " home=" + ctx.home(home.home));
        }
        return 0;
      }
    }
  }

  private CliHarness harness(String input) {
    return new CliHarness(Demo.class, input, Map.of("STC_HOME", dir.toString()));
  }

  @Test
  void acceptsSingleAndDoubleDashLongOptionsCaseInsensitively() {
    for (String opt : List.of("-label", "--label", "-LABEL", "-Label")) {
      CliHarness h = harness("");
      assertEquals(0, h.cli.run("ECHO", opt, "x", "-force"), h.err());
      assertTrue(h.out().contains("label=x home=" + dir), h.out());
      assertTrue(h.out().endsWith("Command Result : 0 (Success)" + System.lineSeparator()), h.out());
    }
  }

  @Test
  void homeOptionBeatsEnvironment() {
    CliHarness h = harness("");
    assertEquals(0, h.cli.run("echo", "-label", "x", "-f", "-home", "/tmp/elsewhere"));
    assertTrue(h.out().contains("home=/tmp/elsewhere"), h.out());
    assertEquals(Path.of(System.getProperty("user.home"), ".stc"), StcHome.resolve(null, Map.of()));
  }

  @Test
  void confirmationNeedsTheWordProceed() {
    CliHarness yes = harness("proceed\n");
    assertEquals(0, yes.cli.run("echo", "-label", "x"));
    CliHarness no = harness("yes\n");
    assertEquals(3, no.cli.run("echo", "-label", "x"));
    assertTrue(no.out().contains("Command Result : 3 (Cancelled)"), no.out());
    assertTrue(no.out().contains("Type 'proceed' to continue"), no.out());
    assertEquals(3, harness("").cli.run("echo", "-label", "x"));
  }

  @Test
  void mapsErrorsToStableCodesWithOneClearLine() {
    CliHarness usage = harness("");
    assertEquals(2, usage.cli.run("echo", "-bogus"));
    assertTrue(usage.err().contains("Error: "), usage.err());
    assertTrue(usage.out().contains("Command Result : 2 (Invalid command or argument)"));
    CliHarness token = harness("");
    assertEquals(6, token.cli.run("echo", "-label", "x", "-fail", "token"));
    assertTrue(token.err().contains("Error: no such partition"), token.err());
    CliHarness bug = harness("");
    assertEquals(1, bug.cli.run("echo", "-label", "x", "-fail", "bug"));
  }

  @Test
  void jsonModeKeepsStdoutPureJson() {
    CliHarness h = harness("");
    assertEquals(0, h.cli.run("echo", "-label", "x", "-force", "-json"));
    assertTrue(h.out().strip().startsWith("{") && h.out().strip().endsWith("}"), h.out());
    assertTrue(h.err().contains("Command Result : 0 (Success)"), h.err());
  }

  @Test
  void shellRunsLinesKeepsHistoryAndStopsAtExit() throws Exception {
    CliHarness h = harness("echo -label 'a b' -force\nhistory\nbogus\nexit\necho -label never -force\n");
    Path historyFile = dir.resolve("sub/history");
    InteractiveShell shell = new InteractiveShell(h.cli, "demo", historyFile);
    assertEquals(2, shell.run());
    assertTrue(h.out().contains("demo:> "), h.out());
    assertTrue(h.out().contains("label=a b"), h.out());
    assertTrue(h.out().contains("   1  echo -label 'a b' -force"), h.out());
    assertTrue(!h.out().contains("never"), h.out());
    assertEquals(List.of("echo -label 'a b' -force", "history", "bogus"),
        Files.readAllLines(historyFile));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(historyFile)));
  }

  @Test
  void splitsQuotedArguments() throws Exception {
    assertEquals(List.of("a", "b c", "d'e", ""), ArgumentSplitter.split(" a \"b c\" \"d'e\" ''"));
    CliException e = assertThrows(CliException.class, () -> ArgumentSplitter.split("a 'b"));
    assertEquals(ExitCode.USAGE, e.exitCode());
  }
}
