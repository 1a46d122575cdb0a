package org.openstc.cli.stcsh;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code my file list|delete} and {@code my public-key list|add|delete}: the logged-in account's
 * own file area ({@link FileArea}, what scp reaches) and SSH keys. Open to every role; a host in
 * single-admin mode has no account to name and refuses them.
 */
@Command(name = "my", description = "Your account's files (scp area) and SSH public keys.",
    subcommands = {MyCommands.Files.class, MyCommands.Keys.class})
final class MyCommands implements Runnable {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM d HH:mm yyyy")
      .withZone(ZoneOffset.UTC);

  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A {@code my} command: the account is the one logged in. */
  abstract static class Mine extends HostCommand {
    Mine(CliContext ctx) {
      super(ctx);
    }

    String account() throws CliException {
      if (admin().singleAdmin()) {
        throw new CliException(ExitCode.NOT_PERMITTED, "this host has no administrator accounts,"
            + " so there is no 'my': add an account (user add) and log in");
      }
      return admin().name();
    }

    FileArea area() throws Exception {
      return FileArea.of(resolveHome(home, ctx), account());
    }
  }

  @Command(name = "file", description = "Your file area.",
      subcommands = {MyCommands.FileList.class, MyCommands.FileDelete.class})
  static final class Files extends StcSettingsCommands.Group {}

  @Command(name = "public-key", description = "Your SSH public keys.",
      subcommands = {MyCommands.KeyList.class, MyCommands.KeyAdd.class, MyCommands.KeyDelete.class})
  static final class Keys extends StcSettingsCommands.Group {}

  @Command(name = "list", description = "List the files of your area: size, date (UTC), name.")
  static final class FileList extends Mine {
    @Mixin Options.Json json;

    FileList(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      List<FileArea.Entry> files = area().list();
      if (json.json) {
        List<Map<String, Object>> view = new ArrayList<>();
        for (FileArea.Entry e : files) {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("name", e.name());
          f.put("sizeBytes", e.size());
          f.put("modified", e.modified().toString());
          view.add(f);
        }
        ctx.printJson(view);
        return;
      }
      for (FileArea.Entry e : files) {
        out().printf("%10d %s %s%n", e.size(), DATE.format(e.modified()), e.name());
      }
      out().printf("%d file(s).%n", files.size());
    }
  }

  @Command(name = "delete", description = "Delete a file of your area.")
  static final class FileDelete extends Mine {
    @Option(names = {"-file", "--file"}, required = true, paramLabel = "NAME",
        description = "the file's name in your area")
    String file;
    @Mixin Options.Force force;

    FileDelete(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      FileArea area = area();
      try {
        area.resolve(file);
      } catch (java.io.IOException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
      if (!area.delete(file)) {
        throw new CliException(ExitCode.NOT_FOUND, file + " is not in your file area");
      }
      out().printf("File %s deleted.%n", file);
    }
  }

  @Command(name = "list", description = "List your SSH public keys.")
  static final class KeyList extends Mine {
    @Mixin Options.Json json;

    KeyList(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PublicKeyCommands.list(this, store, account(), json.json);
      }
    }
  }

  @Command(name = "add", description = "Add an SSH public key to your account.")
  static final class KeyAdd extends Mine {
    @Mixin PublicKeyCommands.KeySource key;

    KeyAdd(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PublicKeyCommands.add(store, account(), key.line(), out());
      }
    }
  }

  @Command(name = "delete", description = "Delete one of your SSH public keys by its number.")
  static final class KeyDelete extends Mine {
    @Option(names = {"-index", "--index"}, required = true, paramLabel = "N",
        description = "the key's number in my public-key list")
    int index;

    KeyDelete(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PublicKeyCommands.delete(store, account(), index, out());
      }
    }
  }
}
