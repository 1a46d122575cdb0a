package org.openstc.cli.stccm.deploy;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.openstc.cli.common.ExitCode;

/**
 * The host side of a deploy, over one {@link HostLink}: each stcsh command it runs prints one line,
 * a refused command or a lost connection is a {@link DeployException} naming the step, and what
 * may have been changed on the host is remembered so that {@link #undo} can take it back, last
 * first, over a new connection when the first one was lost.
 */
final class HostSteps {
  private final HostLink link;
  private final HostLink.Reconnect reconnect;
  private final PrintWriter out;
  private final Deque<String[]> undo = new ArrayDeque<>();

  HostSteps(HostLink link, HostLink.Reconnect reconnect, PrintWriter out) {
    this.link = link;
    this.reconnect = reconnect;
    this.out = out;
  }

  /** Runs {@code args}; a non-zero exit is the failure of {@code step}. */
  HostLink.Result run(String step, String... args) throws DeployException {
    HostLink.Result r = exec(step, args);
    if (r.status() != 0) {
      throw refused(step, r, args);
    }
    return r;
  }

  /**
   * Runs {@code args}; remembers {@code inverse} to run if a later step fails. The inverse is
   * remembered before the command is sent: if the connection is lost meanwhile, the host may have
   * done it. A command the host refused changed nothing and is forgotten.
   */
  void change(String step, String[] inverse, String... args) throws DeployException {
    undo.push(inverse);
    HostLink.Result r = exec(step, args);
    if (r.status() != 0) {
      undo.pop();
      throw refused(step, r, args);
    }
  }

  /**
   * The value after {@code prefix} on a line of a command's output; empty when the host says the
   * thing is not there (exit 6). Any other refusal (an account without the role) fails the step.
   */
  Optional<String> value(String step, String prefix, String... args) throws DeployException {
    HostLink.Result r = exec(step, args);
    if (r.status() == ExitCode.NOT_FOUND.code()) {
      return Optional.empty();
    }
    if (r.status() != 0) {
      throw refused(step, r, args);
    }
    return r.out().lines().filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip()).findFirst();
  }

  /** Copies {@code data} into the account's file area as {@code name}. */
  void upload(String step, byte[] data, String name) throws DeployException {
    try {
      link.upload(data, name);
    } catch (IOException e) {
      throw new DeployException(step, ExitCode.IO_ERROR, "scp of " + name + " to the host failed: "
          + e.getMessage());
    }
    out.printf("Uploaded %s to the account's file area.%n", name);
  }

  /** The file {@code name} of the account's file area; {@code hint} says why it may be missing. */
  byte[] download(String step, String name, String hint) throws DeployException {
    try {
      return link.download(name);
    } catch (IOException e) {
      throw new DeployException(step, ExitCode.IO_ERROR, "scp of " + name + " from the host failed"
          + hint + ": " + e.getMessage());
    }
  }

  private HostLink.Result exec(String step, String... args) throws DeployException {
    try {
      return link.exec(args);
    } catch (IOException e) {
      throw new DeployException(step, ExitCode.SERVER_DOWN, "the connection to the host was lost "
          + "during '" + String.join(" ", args) + "': " + e.getMessage());
    }
  }

  /**
   * Takes back every change on the host, last first, one line each; over a new connection when
   * this one is closed or fails meanwhile. Returns whether everything was taken back; if not, the
   * lines say what is left and the commands that remove it.
   */
  boolean undo() {
    HostLink use = link.isOpen() ? link : null;
    HostLink fresh = null;
    boolean all = true;
    try {
      while (!undo.isEmpty()) {
        if (use == null) {
          try {
            use = fresh = reconnect.open();
          } catch (Exception e) {
            out.println("Could not reach the host again to undo (" + e.getMessage() + "); it "
                + "may still hold what this run did. Run there:");
            undo.forEach(args -> out.println("  " + String.join(" ", args)));
            return false;
          }
          out.println("Logged in to the host again to undo this run's changes.");
        }
        String what = String.join(" ", undo.peek());
        try {
          HostLink.Result r = use.exec(undo.peek());
          undo.pop();
          all &= report(what, r);
        } catch (IOException e) {
          if (use == fresh) {
            out.println("Lost the new connection too (" + e.getMessage() + "). Run on the host:");
            undo.forEach(args -> out.println("  " + String.join(" ", args)));
            return false;
          }
          use = null; // this connection failed: the same command again over a new one
        }
      }
      return all;
    } finally {
      if (fresh != null) {
        try {
          fresh.close();
        } catch (IOException e) {
          // the undo is done; a failing close changes nothing on the host
        }
      }
    }
  }

  private boolean report(String what, HostLink.Result r) {
    if (r.status() == 0 || r.status() == ExitCode.NOT_FOUND.code()) {
      out.println(r.status() == 0 ? "Undone on the host: " + what
          : "Nothing to undo on the host (it was not done): " + what);
      return true;
    }
    out.println("Could not undo on the host: " + what + ": " + r.message());
    return false;
  }

  private static DeployException refused(String step, HostLink.Result r, String... args) {
    return new DeployException(step, exitCode(r.status()), "the host refused '"
        + String.join(" ", args) + "': " + r.message());
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
