package org.openstc.cli.stcsh;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.openstc.cli.common.ArgumentSplitter;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.InteractiveShell;
import org.openstc.cli.common.StcCommandLine;
import org.openstc.cli.common.Terminal;
import org.openstc.partition.store.AuditLog;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;

/**
 * One SSH session channel of an authenticated account: with a command ({@code ssh admin@host
 * 'client list'}) it runs that one stcsh command and returns its exit code as the SSH exit
 * status; without, it runs the {@code stcsh:>} shell on the channel until {@code exit}. Commands
 * run in the service's process on their own thread, logged in as the account
 * ({@link AdminSession}) with its role, confined to this host ({@link SshUser}); every file
 * option names a file of the account's {@link FileArea}; an {@code hsm login} lasts for this
 * session only ({@link SoSession#scoped}). Each command line is audited with the account.
 */
final class SshSession implements Command {
  private final Path home;
  private final String command;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private Thread thread;

  /** A session on the host in {@code home} running {@code command}, or the shell if null. */
  SshSession(Path home, String command) {
    this.home = home;
    this.command = command;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    String account = channel.getSession().getUsername();
    boolean pty = env.getEnv().containsKey(Environment.ENV_TERM);
    OutputStream o = pty ? new CrLf(out) : out;
    OutputStream e = pty ? new CrLf(err) : err;
    thread = new Thread(() -> {
      int[] status = {org.openstc.cli.common.ExitCode.ERROR.code()};
      SoSession.scoped(() -> status[0] = run(account, o, e)); // its SO login ends before exit
      exit.onExit(status[0]);
    }, "ssh-" + account);
    thread.setDaemon(true);
    thread.start();
  }

  private int run(String account, OutputStream o, OutputStream e) {
    PrintWriter pout = new PrintWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), true);
    PrintWriter perr = new PrintWriter(new OutputStreamWriter(e, StandardCharsets.UTF_8), true);
    CliContext ctx = new CliContext(pout, perr, Terminal.of(in, pout),
        Map.of(HostStore.HOME_ENV, home.toString()));
    try {
      FileArea area = FileArea.of(home, account);
      AdminSession.Admin admin = admin(account);
      ctx.state(AdminSession.class, AdminSession::new).loggedIn(admin);
      SshUser.bind(ctx, account, home);
      StcCommandLine cli = new StcCommandLine(StcSh.class, ctx);
      cli.commandLine().registerConverter(Path.class, area::resolve);
      if (command == null) {
        audit(account, "ssh shell", "started");
        int status = new InteractiveShell(cli, "stcsh", null).run();
        audit(account, "ssh shell", "ended, exit " + status);
        return status;
      }
      return cli.run(ArgumentSplitter.split(command).toArray(new String[0]));
    } catch (CliException ex) {
      perr.println("Error: " + ex.getMessage());
      pout.println(ex.exitCode().resultLine());
      return ex.exitCode().code();
    } catch (IOException | StoreException ex) {
      perr.println("Error: " + ex.getMessage());
      return org.openstc.cli.common.ExitCode.ERROR.code();
    } finally {
      pout.flush();
      perr.flush();
    }
  }

  private AdminSession.Admin admin(String account) throws CliException, StoreException {
    try (HostStore store = HostStore.open(home)) {
      var a = store.accounts().find(account).orElseThrow(() -> new CliException(
          org.openstc.cli.common.ExitCode.NOT_PERMITTED, "account " + account + " no longer exists"));
      return new AdminSession.Admin(a.name(), a.role(), false);
    }
  }

  private void audit(String account, String what, String result) {
    try {
      AuditLog.append(home, account, what, result);
    } catch (StoreException ex) {
      // the command ran; a failing audit file is reported by the audit commands
    }
  }

  @Override
  public void destroy(ChannelSession channel) {
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** Turns LF into CR LF for a client that asked for a terminal (its tty is in raw mode). */
  private static final class CrLf extends FilterOutputStream {
    private int last = -1;

    CrLf(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      if (b == '\n' && last != '\r') {
        out.write('\r');
      }
      out.write(b);
      last = b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(b[i]);
      }
    }
  }
}
