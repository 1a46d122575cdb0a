package org.openstc.cli.stcsh;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sysconf fingerprint ssh}: the host's SSH host key fingerprint as OpenSSH shows it on
 * first connection ({@code SHA256:...}), to check before accepting it, and the public key line
 * for a known_hosts file. Works on a sealed host (only the public key is read).
 */
@Command(name = "fingerprint", description = "Show the SSH host key fingerprint (sysconf "
    + "fingerprint ssh), as ssh shows it on first connection.")
final class SysconfFingerprint extends HostCommand {
  @Parameters(arity = "0..1", paramLabel = "ssh", description = "the key to show: ssh (default)")
  String which = "ssh";
  @Option(names = {"-ssh", "--ssh"}, description = "same as the word ssh (older syntax)")
  boolean ssh;

  SysconfFingerprint(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    if (!which.equalsIgnoreCase("ssh")) {
      throw new CliException(ExitCode.USAGE, "sysconf fingerprint shows the ssh key only, not '"
          + which + "'");
    }
    try (HostStore store = open()) {
      byte[] raw = store.sshHostKey().publicKey().orElseThrow(() -> new CliException(
          ExitCode.NOT_FOUND, "this host has no SSH host key yet: it is made by hsm init, or by"
              + " the first service start of an older host"));
      out().println("SSH host key (ED25519) fingerprint: " + SshKeys.fingerprint(raw));
      out().println("Public key: " + SshKeys.publicLine(raw, null));
    }
  }
}
