package org.openstc.cli.stcsh;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code user publickey add|list|delete -u NAME}: the SSH public keys an account logs in with
 * (admin; {@code my public-key} is the same for one's own account). A key is given as an OpenSSH
 * {@code .pub} file ({@code -file}; over SSH a file of your area) or its line ({@code -key}).
 */
@Command(name = "publickey", description = "SSH public keys of an account (login without password).",
    subcommands = {PublicKeyCommands.Add.class, PublicKeyCommands.ListKeys.class,
        PublicKeyCommands.Delete.class})
final class PublicKeyCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "add", description = "Add a public key to an account.")
  static final class Add extends UserCommands.OnUser {
    @Mixin KeySource key;

    Add(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        add(store, name, key.line(), out());
      }
    }
  }

  @Command(name = "list", description = "List an account's public keys.")
  static final class ListKeys extends UserCommands.OnUser {
    @Mixin Options.Json json;

    ListKeys(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        list(this, store, name, json.json);
      }
    }
  }

  @Command(name = "delete", description = "Delete an account's public key by its number in list.")
  static final class Delete extends UserCommands.OnUser {
    @Option(names = {"-index", "--index"}, required = true, paramLabel = "N",
        description = "the key's number in publickey list")
    int index;

    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        delete(store, name, index, out());
      }
    }
  }

  /** {@code -file KEY.pub} or {@code -key LINE}: one OpenSSH public key. */
  static final class KeySource {
    @Option(names = {"-file", "--file"}, paramLabel = "KEY.pub", description = "OpenSSH public key file")
    Path file;
    @Option(names = {"-key", "--key"}, paramLabel = "LINE", description = "the key line itself (ssh-ed25519 AAAA... comment)")
    String key;

    String line() throws CliException {
      if ((file == null) == (key == null)) {
        throw new CliException(ExitCode.USAGE, "give the key with -file KEY.pub or -key LINE (one of them)");
      }
      if (key != null) {
        return key;
      }
      try {
        String text = new String(SmallFiles.read(file, 64 * 1024), StandardCharsets.UTF_8).strip();
        if (text.lines().count() != 1) {
          throw new CliException(ExitCode.USAGE, file.getFileName() + " must hold one public key line");
        }
        return text;
      } catch (IOException e) {
        throw new CliException(ExitCode.IO_ERROR, "cannot read " + file.getFileName() + ": " + e.getMessage());
      }
    }
  }

  static void add(HostStore store, String account, String line, PrintWriter out)
      throws CliException, StoreException {
    PublicKey key;
    try {
      key = SshKeys.parse(line);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage());
    }
    store.accountKeys().add(account, line.strip());
    out.printf("Public key %s added to user %s.%n", SshKeys.fingerprint(key), account);
  }

  /** An account's keys as a table, or with {@code json} as {@code {user, keys: [...]}}. */
  static void list(HostCommand c, HostStore store, String account, boolean json)
      throws CliException, StoreException {
    if (store.accounts().find(account).isEmpty()) {
      throw new CliException(ExitCode.NOT_FOUND, "user " + account + " does not exist");
    }
    List<String> lines = store.accountKeys().list(account);
    List<Map<String, Object>> keys = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String[] parts = lines.get(i).split("\\s+", 3);
      String print;
      try {
        print = SshKeys.fingerprint(SshKeys.parse(lines.get(i)));
      } catch (IllegalArgumentException e) {
        print = "(unreadable: " + e.getMessage() + ")";
      }
      Map<String, Object> k = new LinkedHashMap<>();
      k.put("number", i + 1);
      k.put("type", parts[0]);
      k.put("fingerprint", print);
      k.put("comment", parts.length > 2 ? parts[2] : "");
      keys.add(k);
    }
    if (json) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("user", account);
      view.put("keys", keys);
      c.ctx.printJson(view);
      return;
    }
    PrintWriter out = c.out();
    out.printf("%-3s %-12s %-51s %s%n", "#", "Type", "Fingerprint", "Comment");
    for (Map<String, Object> k : keys) {
      out.printf("%-3d %-12s %-51s %s%n", k.get("number"), k.get("type"), k.get("fingerprint"),
          k.get("comment"));
    }
    out.printf("%d public key(s) for user %s.%n", lines.size(), account);
  }

  static void delete(HostStore store, String account, int index, PrintWriter out)
      throws StoreException {
    String gone = store.accountKeys().delete(account, index);
    String print;
    try {
      print = SshKeys.fingerprint(SshKeys.parse(gone));
    } catch (IllegalArgumentException e) {
      print = "an unreadable key";
    }
    out.printf("Public key %d (%s) of user %s deleted.%n", index, print, account);
  }
}
