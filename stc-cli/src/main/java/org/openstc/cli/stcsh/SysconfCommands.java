package org.openstc.cli.stcsh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sysconf regenCert} and {@code sysconf cert export}: the host's NTLS server certificate.
 * Its key is kept in the host store encrypted by the host master key; {@code server.pem} (the
 * certificate only) is written to the host home for administrators to hand to clients.
 */
@Command(name = "sysconf", description = "Host system configuration: the NTLS server certificate, forceSOLogin.",
    subcommands = {SysconfCommands.RegenCert.class, SysconfCommands.Cert.class,
        SysconfForceSoLogin.ForceSoLogin.class, SysconfFingerprint.class})
final class SysconfCommands implements Runnable {
  /** Where regenCert leaves the certificate for clients: the host home. */
  static final String SERVER_PEM = "server.pem";

  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "regenCert", description = "Create a new self-signed NTLS server certificate "
      + "and key (CN = this host's name); clients must add the server again.")
  static final class RegenCert extends HostCommand {
    @Option(names = {"-force", "--force"}, description = "do not ask for 'proceed'")
    boolean force;
    @Option(names = {"-keytype", "--keytype"}, paramLabel = "TYPE",
        description = "rsa-2048 (default, as the vendor's appliance) or ecdsa-p256")
    String keyType = "rsa-2048";
    @Option(names = {"-cn", "--cn"}, paramLabel = "NAME",
        description = "certificate common name (default: this host's name)")
    String cn;
    @Mixin SoLogin so; // the server key is sealed by the master key

    RegenCert(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      TlsCertificates.KeyAlgorithm algorithm;
      try {
        algorithm = TlsCertificates.KeyAlgorithm.of(keyType);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
      Confirmation.require(ctx, force, String.join("\n",
          "WARNING !!  This command will overwrite the current server certificate and private key.",
          "All clients will have to add this server again with this new certificate.",
          "If you are sure that you wish to proceed, then type 'proceed', otherwise type 'quit'"));
      if (!force) {
        out().println("Proceeding...");
      }
      try (HostStore store = openUnsealed(so)) {
        TlsCertificates.Issued issued = TlsCertificates.selfSigned(cn == null ? hostName() : cn,
            algorithm);
        byte[] der = issued.certificate().getEncoded();
        byte[] pkcs8 = pkcs8(issued.key());
        try {
          store.ntlsServerKey().save(der, pkcs8);
        } finally {
          SecretBytes.wipe(pkcs8);
        }
        Path pem = store.home().resolve(SERVER_PEM);
        OwnerOnlyFiles.write(pem, TlsCertificates.pem(der).getBytes(StandardCharsets.US_ASCII));
        out().println("'sysconf regenCert' successful. NTLS must be (re)started before clients can"
            + " connect.");
        out().println("Please use the 'ntls show' command to ensure that NTLS is bound to an "
            + "appropriate network device or IP address/hostname");
        out().println("for the network device(s) NTLS should be active on. Use 'ntls bind' to "
            + "change this binding if necessary.");
        out().println("Server certificate: " + pem);
        out().println("Fingerprint (SHA-256): " + TlsCertificates.fingerprint(der));
      }
    }

    private static byte[] pkcs8(PrivateKey key) {
      return key.getEncoded();
    }

    private static String hostName() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }

  @Command(name = "cert", description = "The NTLS server certificate.",
      subcommands = {SysconfCommands.Export.class})
  static final class Cert implements Runnable {
    @Mixin Options.Help help;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Command(name = "export", description = "Write the server certificate (PEM) to a file.")
  static final class Export extends HostCommand {
    @Option(names = {"-file", "--file"}, required = true, description = "where to write it")
    Path file;

    Export(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        byte[] der = store.ntlsServerKey().certificate().orElseThrow(() -> new CliException(
            ExitCode.NOT_FOUND, "this host has no NTLS server certificate (run sysconf regenCert)"));
        OwnerOnlyFiles.write(file, TlsCertificates.pem(der).getBytes(StandardCharsets.US_ASCII));
        out().println("Server certificate written to " + file.toAbsolutePath());
        out().println("Fingerprint (SHA-256): " + TlsCertificates.fingerprint(der));
      }
    }
  }
}
