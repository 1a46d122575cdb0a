package org.openstc.cli.stccm.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Terminal;
import org.openstc.cli.stcsh.InProcessSshHost;

/**
 * An STC deploy whose SSH connection is cut at each host operation in turn (after the host did
 * it but before the answer arrived; the registration also before the host got it), the undo's
 * own operations included: every run fails naming its step
 * and leaves no registration on the host, the undo going over a new connection; with the SSH
 * service gone as well, the commands that remain on the host are named. The host's SSH service
 * runs in this process; no STC service runs, so a run that gets past the host steps fails at
 * verify and is undone too.
 */
class DeployConnectionCutTest {
  private static final String NONE = "0 client(s) registered on partition p1.";
  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a login and an stcsh command per cut
  void aCutAtAnyHostStepLeavesNothingRegisteredOnTheHost() throws Exception {
    try (InProcessSshHost host = InProcessSshHost.start(dir.resolve("host"))) {
      boolean reachedVerify = false;
      for (int n = 1; !reachedVerify; n++) {
        int at = n;
        reachedVerify = cutAndCheck(host, new Cut(op -> op.index() == at, true, () -> {}));
      }
      cutAndCheck(host, new Cut(op -> op.args().startsWith("client register"), false, () -> {}));
    }
  }

  /** One deploy cut by {@code cut}; whether it got to verify without a cut. */
  private boolean cutAndCheck(InProcessSshHost host, Cut cut) throws Exception {
    StringWriter out = new StringWriter();
    CliException e = assertThrows(CliException.class, () -> deploy(host, cut, out));
    String what = "cut at operation " + cut.count + ": " + e.getMessage() + "\n" + out;
    assertTrue(e.getMessage().startsWith(cut.done ? "step " : "step verify failed"), what);
    assertTrue(e.getMessage().endsWith("what this run changed was undone"), what);
    assertTrue(host.stcsh("client", "list", "-partition", "p1").contains(NONE), what);
    return !cut.done;
  }

  @Test
  void whenTheHostIsGoneForTheUndoTheRemainingCommandsAreNamed() throws Exception {
    try (InProcessSshHost host = InProcessSshHost.start(dir.resolve("host"))) {
      Cut cut = new Cut(op -> op.args().startsWith("client register"), true, host::stopSsh);
      StringWriter out = new StringWriter();
      CliException e = assertThrows(CliException.class, () -> deploy(host, cut, out));
      assertEquals(ExitCode.SERVER_DOWN, e.exitCode(), e.getMessage());
      assertTrue(e.getMessage().startsWith("step register p1 failed: the connection to the host"
          + " was lost") && e.getMessage().contains("NOT all"), e.getMessage());
      assertTrue(out.toString().contains("Could not reach the host again to undo")
          && out.toString().contains("  client deregister -partition p1 -label c1"), out.toString());
      assertTrue(host.stcsh("client", "list", "-partition", "p1").contains("c1"));
    }
  }

  private void deploy(InProcessSshHost host, Cut cut, StringWriter text) throws Exception {
    Path home = dir.resolve("client");
    PrintWriter out = new PrintWriter(text, true);
    CliContext ctx = new CliContext(out, out, Terminal.of(new ByteArrayInputStream(new byte[0]),
        out), Map.of());
    char[] pw = InProcessSshHost.ADMIN_PASSWORD.toCharArray();
    HostLink.Reconnect reconnect = () -> SshLink.open("127.0.0.1", host.sshPort(), "admin", pw,
        KnownHosts.load(home), fingerprint -> true);
    cut.link = reconnect.open();
    try (StcLocal local = new StcLocal(home, null, ctx)) {
      HostSteps steps = new HostSteps(cut, reconnect, out);
      StcDeploy deploy = new StcDeploy(new StcDeploy.Request("127.0.0.1", "c1", List.of("p1"),
          freePort(), false, false), steps, local, out);
      ClientConfigDeploy.runOrUndo(deploy, steps, home);
    } finally {
      cut.link.close();
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** One host operation: its number (from 1) and what it is ("client register ...", "upload F"). */
  record Op(int index, String args) {}

  /** A link that drops its connection at the operation {@code when} picks. */
  private static final class Cut implements HostLink {
    interface Action {
      void run() throws Exception;
    }

    private final Predicate<Op> when;
    private final boolean afterHostDidIt;
    private final Action alsoAtCut;
    HostLink link;
    int count;
    boolean done;

    Cut(Predicate<Op> when, boolean afterHostDidIt, Action alsoAtCut) {
      this.when = when;
      this.afterHostDidIt = afterHostDidIt;
      this.alsoAtCut = alsoAtCut;
    }

    private interface Call<T> {
      T call() throws IOException;
    }

    private <T> T op(String args, Call<T> call) throws IOException {
      if (done || !when.test(new Op(++count, args))) {
        return call.call();
      }
      done = true;
      if (afterHostDidIt) {
        call.call();
      }
      link.close();
      try {
        alsoAtCut.run();
      } catch (Exception e) {
        throw new IOException(e);
      }
      throw new IOException("connection reset (cut by the test)");
    }

    @Override
    public Result exec(String... args) throws IOException {
      return op(String.join(" ", args), () -> link.exec(args));
    }

    @Override
    public void upload(byte[] data, String name) throws IOException {
      op("upload " + name, () -> {
        link.upload(data, name);
        return null;
      });
    }

    @Override
    public byte[] download(String name) throws IOException {
      return op("download " + name, () -> link.download(name));
    }

    @Override
    public boolean isOpen() {
      return link.isOpen();
    }

    @Override
    public void close() throws IOException {
      link.close();
    }
  }
}
