package org.openstc.cli.stccm.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.HostNames;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.client.NtlsConfig;
import org.openstc.client.ServerEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code stccm clientconfig deploy}: the vendor's one-step client setup over the host's SSH admin
 * service ({@link SshLink}), for an NTLS link ({@link NtlsDeploy}) or an STC link
 * ({@link StcDeploy}). Each step prints one line; a failure names the step, undoes what this run
 * changed on the host (over a new connection if the first was lost) and here, and exits non-zero.
 */
@Command(name = "deploy", description = "One-step client setup over SSH (-link ntls: certificate,"
    + " registration, partition assignment, server certificate; -link stc: token, identity,"
    + " registration, partition identities), then a verified link.")
public final class ClientConfigDeploy implements Callable<Integer> {
  private static final String UNDONE = "; what this run changed was undone";
  private static final String NOT_UNDONE = "; NOT all of what this run changed could be undone "
      + "(see above)";
  private final CliContext ctx;
  @Mixin Options.Home homeOption;
  @Mixin Options.Help help;
  @Option(names = {"-server", "--server", "-s"}, required = true, paramLabel = "HOST",
      description = "the partition host (its SSH admin service)")
  String server;
  @Option(names = {"-client", "--client", "-c"}, required = true, paramLabel = "NAME",
      description = "this client's name on the host: its host name or IP (ntls), its label on "
          + "the partitions and of a new identity (stc)")
  String client;
  @Option(names = {"-partition", "--partition", "-par"}, required = true, split = ",",
      paramLabel = "P", description = "the partitions to assign, comma-separated")
  List<String> partitions;
  @Option(names = {"-user", "--user", "-u"}, paramLabel = "USER", defaultValue = "admin",
      description = "the host account (default admin; a registration account suffices)")
  String user;
  @Option(names = {"-password", "--password", "-pw"}, paramLabel = "PW", arity = "0..1",
      description = "the account's password (prefer -password-file; asked when omitted)")
  char[] password;
  @Option(names = {"-password-file", "--password-file"}, paramLabel = "FILE",
      description = "the account's password is this file's first line")
  Path passwordFile;
  @Option(names = {"-port", "--port"}, description = "SSH port (default 22)")
  int port = 22;
  @Option(names = {"-ntls-port", "--ntls-port"}, description = "the host's NTLS port (default "
      + NtlsConfig.DEFAULT_PORT + ")")
  int ntlsPort = NtlsConfig.DEFAULT_PORT;
  @Option(names = {"-link", "--link"}, paramLabel = "ntls|stc", defaultValue = "ntls",
      description = "the kind of link to set up (default ntls)")
  String link;
  @Option(names = {"-stc-port", "--stc-port"}, description = "the host's STC port (default "
      + ServerEntry.DEFAULT_PORT + ")")
  int stcPort = ServerEntry.DEFAULT_PORT;
  @Option(names = {"-passphrase-file", "--passphrase-file"}, paramLabel = "FILE",
      description = "-link stc: the token password (first line); a new token gets it")
  Path passphraseFile;
  @Option(names = {"-force", "--force", "-f"}, description = "trust a first-seen host key without "
      + "asking; replace a client name, registration or server entry that has another key")
  boolean force;
  @Option(names = {"-regen", "--regen"}, description = "make a new client certificate (ntls) or "
      + "client identity (stc)")
  boolean regen;

  ClientConfigDeploy(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    check();
    Path home = ctx.home(homeOption.home);
    char[] pw = passwordFile != null ? TokenPassphrase.read(ctx, passwordFile)
        : Passwords.get(ctx, password, "Password for " + user + "@" + server + ": ");
    try (SshLink ssh = connect(home, pw); StcLocal local = new StcLocal(home, passphraseFile, ctx)) {
      HostSteps host = new HostSteps(ssh, () -> SshLink.open(server, port, user, pw,
          KnownHosts.load(home), fingerprint -> false), ctx.out());
      LinkDeploy deploy = link.equals("stc")
          ? new StcDeploy(new StcDeploy.Request(server, client, partitions, stcPort, force,
              regen), host, local, ctx.out())
          : new NtlsDeploy(new NtlsDeploy.Request(server, client, partitions, ntlsPort, force,
              regen), NtlsConfig.load(home), host, ctx.out());
      runOrUndo(deploy, host, home);
    } catch (DeployException e) {
      throw failed(e, true);
    } catch (IOException e) {
      throw new CliException(ExitCode.SERVER_DOWN, "step connect failed: " + e.getMessage()
          + "; nothing was changed");
    } finally {
      Passwords.wipe(pw);
    }
    ctx.out().flush();
    return 0;
  }

  private SshLink connect(Path home, char[] pw) throws Exception {
    KnownHosts known = KnownHosts.load(home);
    SshLink link = SshLink.open(server, port, user, pw, known, fingerprint -> {
      ctx.out().printf("The SSH host key of %s:%d is not known yet: %s%n", server, port,
          fingerprint);
      if (force) {
        return true;
      }
      ctx.out().println("Compare it with 'stcsh sysconf fingerprint ssh' on the host.");
      String answer = ctx.terminal().readLine("Trust it? Type 'proceed' to continue -> ");
      return answer != null && answer.strip().equalsIgnoreCase("proceed");
    });
    ctx.out().printf("Logged in to %s:%d as %s (host key %s).%n", server, port, user,
        known.fingerprint(server, port).orElse("?"));
    return link;
  }

  private void check() throws CliException {
    if (!HostNames.valid(server)) {
      throw new CliException(ExitCode.USAGE, "invalid -server: " + HostNames.RULE);
    }
    if (!client.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new CliException(ExitCode.USAGE, "-client must be 1..64 of [A-Za-z0-9._-], starting "
          + "with a letter or digit (an IP or a host name), not " + HostNames.shorten(client));
    }
    for (String p : partitions) {
      if (!p.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new CliException(ExitCode.USAGE, "invalid partition name " + HostNames.shorten(p));
      }
    }
    if (port < 1 || port > 65535 || ntlsPort < 1 || ntlsPort > 65535 || stcPort < 1
        || stcPort > 65535) {
      throw new CliException(ExitCode.USAGE, "-port, -ntls-port and -stc-port must be 1..65535");
    }
    if (!link.equals("ntls") && !link.equals("stc")) {
      throw new CliException(ExitCode.USAGE, "-link must be ntls or stc, not "
          + HostNames.shorten(link));
    }
  }

  /**
   * Runs {@code deploy}; when a step fails, undoes what it changed on the host and here and
   * throws the failure naming the step and whether everything was undone.
   */
  static void runOrUndo(LinkDeploy deploy, HostSteps host, Path home) throws CliException {
    try {
      deploy.run(home);
    } catch (DeployException e) {
      boolean undone = host.undo();
      deploy.undoLocal();
      throw failed(e, undone);
    } catch (Exception e) {
      boolean undone = host.undo();
      deploy.undoLocal();
      throw new CliException(ExitCode.ERROR, "deploy failed: " + e.getMessage()
          + (undone ? UNDONE : NOT_UNDONE));
    }
  }

  private static CliException failed(DeployException e, boolean undone) {
    return new CliException(e.code(), "step " + e.step() + " failed: " + e.getMessage()
        + (undone ? UNDONE : NOT_UNDONE));
  }
}
