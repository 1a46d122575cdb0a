package org.openstc.cli.stcsh;

import java.nio.file.Path;
import java.util.Optional;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;

/**
 * Who runs stcsh commands over SSH in one {@link CliContext}: the account the SSH service
 * authenticated and the host it serves. Kept as context state; a local stcsh has none. Over SSH
 * every command is confined to that host ({@link #confine}) and every file option names a file
 * of the account's {@link FileArea} (see {@link SshSession}).
 */
final class SshUser {
  private final String account;
  private final Path home;

  private SshUser(String account, Path home) {
    this.account = account;
    this.home = home;
  }

  private static SshUser local() {
    return new SshUser(null, null);
  }

  /** Marks {@code ctx} as the SSH session of {@code account} on the host in {@code home}. */
  static void bind(CliContext ctx, String account, Path home) {
    SshUser u = ctx.state(SshUser.class, () -> new SshUser(account, home));
    if (!account.equals(u.account)) {
      throw new IllegalStateException("this context already belongs to " + u.account);
    }
  }

  /** The SSH user of {@code ctx}, if it runs over SSH. */
  static Optional<SshUser> of(CliContext ctx) {
    SshUser u = ctx.state(SshUser.class, SshUser::local);
    return u.account == null ? Optional.empty() : Optional.of(u);
  }

  String account() {
    return account;
  }

  Path home() {
    return home;
  }

  /** Refuses a command over SSH aimed at another host home than the one the service runs. */
  static void confine(CliContext ctx, Path dir) throws CliException {
    Optional<SshUser> u = of(ctx);
    if (u.isPresent() && !u.get().home.equals(dir.toAbsolutePath().normalize())) {
      throw new CliException(ExitCode.NOT_PERMITTED, "over SSH, commands act on this host only"
          + " (-home is refused)");
    }
  }
}
