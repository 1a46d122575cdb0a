package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.JsonSchemaDoc;
import org.openstc.cli.common.StcCommandLine;
import org.openstc.cli.common.Terminal;
import org.openstc.cli.stccm.StcCm;
import org.openstc.cli.stcsh.StcSh;
import picocli.CommandLine;

/**
 * Every list, show and status command of stccm and stcsh, found in the command tree (so a new one
 * cannot be missed), takes -json; run with -json on a prepared home, its stdout parses as JSON
 * whose top-level fields and types are the ones in its schema table in docs/stccm.md or
 * docs/partition-host.md.
 */
class JsonSchemasTest {
  private static final String[] PO = {"-role", "po", "-password", LinkFixture.SO_PIN};

  @TempDir Path dir;

  /** "stc status", "partition stcidentity show", ... for every list/show/status leaf under root. */
  static List<String> viewCommands(Class<?> root) {
    List<String> out = new ArrayList<>();
    collect(new StcCommandLine(root, CliContext.system()).commandLine(), "", out);
    return out;
  }

  private static void collect(CommandLine cl, String prefix, List<String> out) {
    for (Map.Entry<String, CommandLine> e : new TreeMap<>(cl.getSubcommands()).entrySet()) {
      CommandLine sub = e.getValue();
      if (!e.getKey().equals(sub.getCommandName()) || e.getKey().equals("help")) {
        continue; // aliases
      }
      String path = (prefix + " " + e.getKey()).trim();
      if (!sub.getSubcommands().isEmpty()) {
        collect(sub, path, out);
      } else if (e.getKey().matches(".*(list|show|status|contents|listservers)")) {
        out.add(path);
      }
    }
  }

  @Test
  void everyViewCommandHasJson() {
    for (Class<?> root : List.of(StcCm.class, StcSh.class)) {
      for (String path : viewCommands(root)) {
        CommandLine c = command(root, path);
        assertTrue(c.getCommandSpec().findOption("-json") != null, path + " lacks -json");
      }
    }
  }

  @Test
  void everyViewCommandPrintsItsDocumentedSchema() throws Exception {
    JsonSchemaDoc cmDoc = JsonSchemaDoc.read("stccm.md");
    JsonSchemaDoc shDoc = JsonSchemaDoc.read("partition-host.md");
    List<String> cmRun = new ArrayList<>();
    try (LinkFixture host = new LinkFixture(dir)) {
      Cm cm = host.initializedClient("client1");
      assertEquals(0, cm.run("key", "generate", "-keytype", "aes256", "-label", "k1", "-role", "co",
          "-password", LinkFixture.CO_PIN), cm.both());
      for (String path : viewCommands(StcCm.class)) {
        List<String> args = new ArrayList<>(List.of(path.split(" ")));
        args.add("-json");
        if (takesRole(StcCm.class, path)) {
          args.addAll(List.of("-role", path.equals("partition contents") ? "co" : "po", "-password",
              path.equals("partition contents") ? LinkFixture.CO_PIN : LinkFixture.SO_PIN));
        }
        assertEquals(0, cm.run(args.toArray(String[]::new)), path + "\n" + cm.both());
        assertTrue(cm.err.contains("Command Result : 0 (Success)"), cm.both());
        cmDoc.check(path, cm.out);
        cmRun.add(path);
      }
    }
    assertEquals(cmDoc.schemas().keySet(), new java.util.LinkedHashSet<>(cmRun),
        "docs/stccm.md has a table for each view command and no other");
    List<String> shRun = new ArrayList<>();
    List<String> needAccount = new ArrayList<>();
    for (String path : viewCommands(StcSh.class)) {
      if (path.startsWith("my ") || path.startsWith("user publickey ")) {
        needAccount.add(path); // an account's own: run below, once the host has one
        continue;
      }
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.add("-json");
      if (requires(StcSh.class, path, "-partition") || path.equals("client list")) {
        // client list without -partition is the NTLS form (docs/ntls.md); the STC form is documented
        args.addAll(List.of("-partition", "par1"));
      }
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      PrintWriter po = new PrintWriter(o, true);
      CliContext ctx = new CliContext(po, new PrintWriter(e, true),
          Terminal.of(new ByteArrayInputStream(new byte[0]), po), Map.of("STC_HOST_HOME", dir.resolve("host").toString()));
      int expected = path.equals("service status") ? ExitCode.NOT_RUNNING.code() : 0; // no service runs here
      assertEquals(expected, StcSh.run(ctx, args.toArray(String[]::new)), path + "\n" + o + e);
      shDoc.check(path, o.toString());
      shRun.add(path);
    }
    Path host = dir.resolve("host");
    Path pw = java.nio.file.Files.writeString(dir.resolve("root.pw"), "root-pass-1\n");
    assertEquals(0, sh(host, "user", "add", "-u", "root", "-role", "admin", "-password",
        "root-pass-1").status, "user add");
    java.nio.file.Files.createDirectories(host.resolve("files/root"));
    java.nio.file.Files.writeString(host.resolve("files/root/client.pem"), "uploaded\n");
    for (String path : needAccount) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.addAll(List.of("-json", "-user", "root", "-user-password-file", pw.toString()));
      if (path.startsWith("user publickey")) {
        args.addAll(List.of("-u", "root"));
      }
      Sh r = sh(host, args.toArray(String[]::new));
      assertEquals(0, r.status, path + "\n" + r.out + r.err);
      shDoc.check(path, r.out);
      shRun.add(path);
    }
    assertEquals(shDoc.schemas().keySet(), new java.util.LinkedHashSet<>(shRun),
        "docs/partition-host.md has a table for each view command and no other");
  }

  private record Sh(int status, String out, String err) {}

  /** Runs stcsh in process on the host home {@code host}. */
  private static Sh sh(Path host, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    PrintWriter po = new PrintWriter(o, true);
    CliContext ctx = new CliContext(po, new PrintWriter(e, true),
        Terminal.of(new ByteArrayInputStream(new byte[0]), po),
        Map.of("STC_HOST_HOME", host.toString()));
    int status = StcSh.run(ctx, args);
    return new Sh(status, o.toString(), e.toString());
  }

  private static CommandLine command(Class<?> root, String path) {
    CommandLine c = new StcCommandLine(root, CliContext.system()).commandLine();
    for (String word : path.split(" ")) {
      c = c.getSubcommands().get(word);
    }
    return c;
  }

  private static boolean takesRole(Class<?> root, String path) {
    return command(root, path).getCommandSpec().findOption("-role") != null;
  }

  private static boolean requires(Class<?> root, String path, String option) {
    var o = command(root, path).getCommandSpec().findOption(option);
    return o != null && o.required();
  }
}
