package org.openstc.cli.stccm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.client.StcHtl;
import org.openstc.command.HtlToken;
import org.openstc.command.MalformedCommandException;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stccm htl install|show}: the client side of HTL for STC registrations (docs/ntls.md,
 * "HTL for STC registrations"). The token file the host administrator wrote ({@code
 * LABEL@SERIAL.ott}) goes to {@code htl/stc-SERIAL.ott}; the next channel to that partition
 * consumes it and from then on proves the rolling secret.
 */
@Command(name = "htl", description = "Host trust link one-time tokens for STC registrations.",
    subcommands = {HtlCommands.Install.class, HtlCommands.Show.class})
final class HtlCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "install", description = "Check a one-time token file (LABEL@SERIAL.ott from "
      + "the host) and move it to htl/stc-SERIAL.ott for the partition's next channel.")
  static final class Install extends TokenCommand {
    @Option(names = {"-file", "--file", "-f"}, required = true, paramLabel = "FILE")
    Path file;

    Install(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HtlToken t;
      try {
        t = HtlToken.decode(SmallFiles.read(file));
      } catch (java.io.IOException e) {
        throw new CliException(ExitCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
      } catch (MalformedCommandException e) {
        throw new CliException(ExitCode.INVALID_FILE, file + ": " + e.getMessage());
      }
      SecretBytes.wipe(t.token());
      long serial = serial(t.client());
      try (Token token = open()) {
        if (token.partition(serial).isEmpty()) {
          throw new CliException(ExitCode.NOT_FOUND, "partition " + Long.toUnsignedString(serial)
              + " (from the token's name " + t.client() + ") is not registered in this client's"
              + " token (stc partitionregister first)");
        }
      }
      Path target = StcHtl.ottFile(ctx.home(homeOption.home), serial);
      OwnerOnlyFiles.createDirectories(target.getParent());
      OwnerOnlyFiles.write(target, SmallFiles.read(file));
      Files.delete(file);
      out().println("One-time token for " + t.client() + " installed as " + target
          + ": the next channel to partition " + Long.toUnsignedString(serial) + " uses it.");
    }

    private long serial(String client) throws CliException {
      int at = client.lastIndexOf('@');
      try {
        if (at > 0) {
          return Long.parseUnsignedLong(client.substring(at + 1));
        }
      } catch (NumberFormatException e) {
        // falls through
      }
      throw new CliException(ExitCode.INVALID_FILE, file + " is the token of NTLS client " + client
          + ", not of an STC registration (LABEL@SERIAL): put it in htl/SERVER.ott for vtl htl");
    }
  }

  @Command(name = "show", description = "HTL state of each registered partition on this client.")
  static final class Show extends TokenCommand {
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path home = ctx.home(homeOption.home);
      List<Map<String, Object>> rows = new ArrayList<>();
      try (Token token = open()) {
        for (RegisteredPartition p : token.partitions()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("serial", Long.toUnsignedString(p.serial()));
          m.put("label", p.label());
          m.put("htl", state(home, p.serial()));
          rows.add(m);
        }
      }
      if (json.json) {
        ctx.printJson(Map.of("partitions", rows));
        return;
      }
      out().printf("%-20s %-20s %s%n", "Serial", "Label", "HTL");
      for (Map<String, Object> r : rows) {
        out().printf("%-20s %-20s %s%n", r.get("serial"), r.get("label"), r.get("htl"));
      }
    }

    private static String state(Path home, long serial) {
      Path ott = StcHtl.ottFile(home, serial);
      if (Files.exists(ott)) {
        return "token waiting (used by the next channel)";
      }
      if (StcHtl.hasSecret(home, serial)) {
        return "synchronized (rolling secret held)";
      }
      if (Files.exists(ott.resolveSibling(ott.getFileName() + ".refused"))) {
        return "refused (the host needs to issue a new token)";
      }
      return "not used";
    }
  }
}
