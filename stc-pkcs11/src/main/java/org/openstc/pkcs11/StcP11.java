package org.openstc.pkcs11;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stc-p11}: the client's slots as a PKCS#11 token for every application, through p11-kit's
 * {@code p11-kit-client.so}. {@code serve -socket PATH} listens on a Unix socket
 * ({@code P11_KIT_SERVER_ADDRESS=unix:path=PATH}); {@code stdio} serves one application on
 * stdin/stdout ({@code remote: |stc-p11 stdio} in a p11-kit module file); {@code module-file}
 * prints such a file. See docs/pkcs11.md.
 */
@Command(name = "stc-p11", mixinStandardHelpOptions = true,
    description = "Serve the client's slots to PKCS#11 applications over p11-kit remoting.",
    subcommands = {StcP11.Serve.class, StcP11.Stdio.class, StcP11.ModuleFile.class})
public final class StcP11 {
  /** The p11-kit client module that forwards Cryptoki calls to this server. */
  static final String CLIENT_MODULE = "/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so";

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cl = new CommandLine(new StcP11());
    cl.setOptionsCaseInsensitive(true);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("stc-p11: " + (e.getMessage() == null ? e : e.getMessage()));
      return 1;
    });
    return cl.execute(args);
  }

  /** Where the client token is and how it is unlocked. */
  static class TokenOptions {
    @Option(names = "-home", description = "Client home (default: $STC_HOME, else ~/.stc).")
    Path home;

    @Option(names = "-passphrase-file", description = "File whose first line is the token"
        + " passphrase (default: the file named by $STC_TOKEN_PASSPHRASE_FILE; none: the token"
        + " has no passphrase).")
    Path passphraseFile;

    /** Opens the token; the passphrase never comes from the terminal (stdin may be the RPC). */
    StcClient open() throws CliException, StcClientException {
      CliContext ctx = new CliContext(new java.io.PrintWriter(System.err, true),
          new java.io.PrintWriter(System.err, true), null, System.getenv());
      Path source = TokenPassphrase.source(ctx, passphraseFile);
      char[] passphrase = source == null ? null : TokenPassphrase.read(ctx, source);
      try {
        return StcClient.open(ctx.home(home), passphrase);
      } finally {
        if (passphrase != null) {
          Arrays.fill(passphrase, '\0');
        }
      }
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Serve on a Unix socket (owner-only) until stopped.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Mixin TokenOptions token = new TokenOptions();

    @Option(names = "-socket", required = true, description = "Socket path to create.")
    Path socket;

    @Override
    public Integer call() throws Exception {
      try (StcClient client = token.open();
           UnixServer server = UnixServer.bind(socket, new ClientBackends(client))) {
        System.out.println("stc-p11 listening on " + server.path()
            + " (P11_KIT_SERVER_ADDRESS=unix:path=" + server.path() + ")");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // exiting anyway
          }
        }));
        server.run();
      }
      return 0;
    }
  }

  @Command(name = "stdio", mixinStandardHelpOptions = true,
      description = "Serve one application on stdin/stdout (p11-kit 'remote: |stc-p11 stdio').")
  static final class Stdio implements Callable<Integer> {
    @CommandLine.Mixin TokenOptions token = new TokenOptions();

    @Override
    public Integer call() throws Exception {
      FileOutputStream rpcOut = new FileOutputStream(FileDescriptor.out);
      System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
      try (StcClient client = token.open()) {
        new RpcConnection(new FileInputStream(FileDescriptor.in), rpcOut,
            new ClientBackends(client)).serve();
      }
      return 0;
    }
  }

  @Command(name = "module-file", mixinStandardHelpOptions = true,
      description = "Print a p11-kit module file (for ~/.config/pkcs11/modules/openstc.module).")
  static final class ModuleFile implements Callable<Integer> {
    @Option(names = "-socket", description = "Use this socket of a running 'stc-p11 serve'"
        + " instead of starting 'stc-p11 stdio' per application.")
    Path socket;

    @Override
    public Integer call() {
      String launcher = Path.of(System.getProperty("stc.launcher", "stc-p11")).toString();
      System.out.println("# openstc partitions as PKCS#11 tokens (stc-p11, docs/pkcs11.md)");
      System.out.println("module: " + CLIENT_MODULE);
      if (socket != null) {
        System.out.println("remote: unix:path=" + socket.toAbsolutePath());
      } else {
        System.out.println("remote: |" + launcher + " stdio");
      }
      return 0;
    }
  }
}
