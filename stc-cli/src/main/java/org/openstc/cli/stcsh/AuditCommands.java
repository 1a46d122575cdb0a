package org.openstc.cli.stcsh;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code audit show [-tail N] [-json]}: the host's audit log ({@link AuditLog}). */
@Command(name = "audit", description = "The host's audit log of administrative changes.",
    subcommands = {AuditCommands.Show.class})
final class AuditCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "show", description = "Show the audit log, oldest first.")
  static final class Show extends HostCommand {
    @Option(names = {"-tail", "--tail"}, paramLabel = "N", description = "only the last N entries")
    int tail;
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if (tail < 0) {
        throw new CliException(ExitCode.USAGE, "-tail must be 1 or more, not " + tail);
      }
      java.nio.file.Path dir = resolveHome(home, ctx);
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String line : AuditLog.read(dir, tail)) {
        rows.add(parse(line));
      }
      if (json.json) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("file", dir.resolve(AuditLog.FILE).toString());
        v.put("entries", rows);
        ctx.printJson(v);
        return;
      }
      for (Map<String, Object> r : rows) {
        out().printf("%s  %s  %s  -> %s%n", r.get("time"), r.get("account"), r.get("command"), r.get("result"));
      }
      out().printf("%d audit entr%s.%n", rows.size(), rows.size() == 1 ? "y" : "ies");
    }

    /** One line's fields; a line that is not ours (damaged) is shown as it is. */
    private static Map<String, Object> parse(String line) {
      Map<String, Object> m = new LinkedHashMap<>();
      try {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        for (String field : new String[] {"time", "account", "command", "result"}) {
          m.put(field, o.has(field) && o.get(field).isJsonPrimitive() ? o.get(field).getAsString() : "?");
        }
      } catch (JsonParseException | IllegalStateException e) {
        m.put("time", "?");
        m.put("account", "?");
        m.put("command", "unreadable line: " + line);
        m.put("result", "?");
      }
      return m;
    }
  }
}
