package org.openstc.cli.stccm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.StcCommandLine;
import org.openstc.cli.common.Terminal;
import picocli.CommandLine.ParseResult;

/** LunaCM habits: unambiguous prefixes of commands and options, the documented short forms. */
class AbbreviationsTest {
  @TempDir Path home;

  /** The command and the options (by their longest name, with values) that {@code line} parses to. */
  private static String parsed(String line) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    CliContext ctx = new CliContext(sink, sink, Terminal.of(java.io.InputStream.nullInputStream(), sink),
        Map.of());
    ParseResult r = new StcCommandLine(StcCm.class, ctx).commandLine().parseArgs(line.split(" "));
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    StringBuilder b = new StringBuilder(r.commandSpec().qualifiedName());
    r.matchedOptions().forEach(o -> b.append(' ').append(o.longestName()).append('=')
        .append(text(o.getValue())));
    return b.toString();
  }

  private static String text(Object value) {
    return value instanceof char[] c ? new String(c) : String.valueOf(value);
  }

  @Test
  void lunaShortFormsAndPrefixesReachTheRightCommandAndOption() {
    assertEquals("stccm stcconfig replaywindowset --size=500", parsed("stcc rwse -s 500"));
    assertEquals("stccm stcconfig replaywindowshow --slot=2", parsed("stcc rwsh -sl 2"));
    assertEquals("stccm stcconfig replaywindowset --size=120 --slot=3",
        parsed("STCCONF replaywindowse -si 120 -slot 3"));
    assertEquals("stccm stc tokenlist", parsed("stc tokenl"));
    assertEquals("stccm stc identitydelete", parsed("stc idd"));
    assertEquals("stccm partition show", parsed("par sh"));
    assertEquals("stccm clientconfig addserver --host=h1:5656 --label=x",
        parsed("clientconfig adds -n h1:5656 -lab x"));
    assertEquals("stccm role login --name=PO --password=pin1", parsed("role logi -n po -p pin1"));
    assertEquals("stccm role initpin --name=CO --role=PO --password=so1",
        parsed("role initp -n co -r po -p so1"));
    assertEquals("stccm stcconfig cipherenable --cipher=aesgcm", parsed("stcc ciphere -c aesgcm"));
  }

  @Test
  void oneShotRunsAPrefixedCommand() {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(0, cm.run("stc", "tokeni", "-lab", "tok"), cm.both());
    assertTrue(cm.out.contains("Successfully initialized the client token tok"), cm.both());
    assertEquals(0, cm.run("stc", "tokenl"), cm.both());
    assertTrue(cm.out.contains("Token Label :          tok"), cm.both());
  }

  @Test
  void ambiguousPrefixListsTheCandidatesAndExitsTwo() {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(2, cm.run("stc", "token"), cm.both());
    assertTrue(cm.err.startsWith("Error: 'token' is not unique: it matches"), cm.both());
    for (String candidate : List.of("'tokeninit'", "'tokenlist'", "'tokendelete'")) {
      assertTrue(cm.err.contains(candidate), cm.both());
    }
    assertTrue(cm.out.contains("Command Result : 2 (Invalid command or argument)"), cm.both());
    assertEquals(2, cm.run("stcconfig", "replay"), cm.both());
    assertTrue(cm.err.contains("'replaywindowset'") && cm.err.contains("'replaywindowshow'"),
        cm.both());
  }

  @Test
  void ambiguousOptionPrefixIsRefused() {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(2, cm.run("key", "verify", "-handle", "1", "-text", "t", "-si", "00"), cm.both());
    assertTrue(cm.err.contains("'-si' is not unique"), cm.both());
    assertTrue(cm.err.contains("-signature") && cm.err.contains("-sighex"), cm.both());
  }

  @Test
  void theShellAcceptsPrefixesToo() {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(0, cm.runWith("stc tokeni -lab tok\nstc tokenl\nexit\n"), cm.both());
    assertTrue(cm.out.contains("Token Label :          tok"), cm.both());
  }

  @Test
  void helpShowsAbbreviationsPasswordSourcesAndResults() {
    StcCmHarness cm = new StcCmHarness(home);
    assertEquals(0, cm.run("-help"), cm.both());
    assertTrue(cm.out.contains("Abbreviations: any unambiguous prefix") && cm.out.contains("stcc rwse -s N")
        && cm.out.contains("-passphrase-file FILE") && cm.out.contains("$STC_TOKEN_PASSPHRASE_FILE")
        && cm.out.contains("CKR_NAME") && cm.out.contains("Tab completes commands and options")
        && cm.out.contains("stccm_history"), cm.both());
  }
}
