package org.openstc.cli.stccm.deploy;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.openstc.cli.common.ExitCode;

/**
 * The host side of a deploy, over one {@link SshLink}: each stcsh command it runs prints one line,
 * a refused command is a {@link DeployException} naming the step, and what was changed on the
 * host is remembered so that {@link #undo} can take it back, last first.
 */
final class HostSteps {
  private final SshLink link;
  private final PrintWriter out;
  private final Deque<String[]> undo = new ArrayDeque<>();

  HostSteps(SshLink link, PrintWriter out) {
    this.link = link;
    this.out = out;
  }

  /** Runs {@code args}; a non-zero exit is the failure of {@code step}. */
  SshLink.Result run(String step, String... args) throws Exception {
    SshLink.Result r = link.exec(args);
    if (r.status() != 0) {
      throw new DeployException(step, exitCode(r.status()), "the host refused '"
          + String.join(" ", args) + "': " + r.message());
    }
    return r;
  }

  /** Runs {@code args}; remembers {@code inverse} to run if a later step fails. */
  void change(String step, String[] inverse, String... args) throws Exception {
    run(step, args);
    undo.push(inverse);
  }

  /** The value after {@code prefix} on a line of a command's output, if the command succeeded. */
  Optional<String> value(String prefix, String... args) throws Exception {
    SshLink.Result r = link.exec(args);
    if (r.status() != 0) {
      return Optional.empty();
    }
    return r.out().lines().filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip()).findFirst();
  }

  SshLink link() {
    return link;
  }

  /** Takes back every change on the host, last first; prints one line per change. */
  void undo() {
    while (!undo.isEmpty()) {
      String[] args = undo.pop();
      String what = String.join(" ", args);
      try {
        SshLink.Result r = link.exec(args);
        out.println(r.status() == 0 ? "Undone on the host: " + what
            : "Could not undo on the host: " + what + ": " + r.message());
      } catch (Exception e) {
        out.println("Could not undo on the host: " + what + ": " + e.getMessage());
      }
    }
  }

  private static ExitCode exitCode(int status) {
    for (ExitCode c : ExitCode.values()) {
      if (c.code() == status) {
        return c;
      }
    }
    return ExitCode.COMMAND_FAILED;
  }
}
