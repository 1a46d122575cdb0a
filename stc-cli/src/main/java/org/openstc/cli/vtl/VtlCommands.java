package org.openstc.cli.vtl;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.NtlsConfig;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.crypto.bc.internal.TlsCertificates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The vtl commands that change or show the client's files: certificates and the server list. */
final class VtlCommands {
  private VtlCommands() {}

  @Command(name = "createCert", description = "Create this client's certificate and key "
      + "(cert/client/NAME.pem, NAMEKey.pem).")
  static final class CreateCert extends VtlCommand {
    @Option(names = {"-n", "-name", "--name"}, required = true, paramLabel = "NAME",
        description = "the client's name: its IP or host name as the host registers it")
    String name;
    @Option(names = {"-keytype", "--keytype"}, paramLabel = "TYPE",
        description = "ecdsa-p256 (default) or rsa-2048")
    String keyType = "ecdsa-p256";

    CreateCert(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new CliException(ExitCode.USAGE, "-n must be 1..64 of [A-Za-z0-9._-], starting with"
            + " a letter or digit (an IP or a host name), not " + name);
      }
      TlsCertificates.KeyAlgorithm algorithm;
      try {
        algorithm = TlsCertificates.KeyAlgorithm.of(keyType);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
      NtlsConfig config = config();
      config.createCert(name, algorithm);
      out().println("Private Key created and written to: " + config.clientKeyFile(name));
      out().println("Certificate created and written to: " + config.clientCertFile(name));
    }
  }

  @Command(name = "addServer", description = "Add an NTLS server with its certificate (server.pem).")
  static final class AddServer extends VtlCommand {
    @Option(names = {"-n", "-name", "--name"}, required = true, paramLabel = "HOST",
        description = "the server's host name or IP")
    String name;
    @Option(names = {"-c", "-cert", "--cert"}, required = true, paramLabel = "FILE",
        description = "the server's certificate (sysconf cert export / server.pem)")
    Path cert;
    @Option(names = {"-port", "--port"}, description = "NTLS port (default 1792)")
    int port = NtlsConfig.DEFAULT_PORT;
    @Option(names = {"-htl", "--htl"}, description = "the link requires HTL: run vtl htl start "
        + "and drop the one-time token in htl/HOST.ott")
    boolean htl;

    AddServer(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if (port < 1 || port > 65535) {
        throw new CliException(ExitCode.USAGE, "-port must be 1..65535, not " + port);
      }
      config().addServer(name, read(cert), port, htl);
      out().println("New server " + name + " successfully added to server list.");
    }
  }

  @Command(name = "deleteServer", description = "Remove an NTLS server and its certificate.")
  static final class DeleteServer extends VtlCommand {
    @Option(names = {"-n", "-name", "--name"}, required = true, paramLabel = "HOST")
    String name;

    DeleteServer(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      config().deleteServer(name);
      out().println("Server " + name + " successfully removed from server list.");
    }
  }

  @Command(name = "listServers", description = "The NTLS servers of this client.")
  static final class ListServers extends VtlCommand {
    ListServers(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      NtlsConfig config = config();
      if (config.servers().isEmpty()) {
        out().println("There are no servers registered.");
      }
      for (NtlsConfig.Server s : config.servers()) {
        out().println("Server: " + s.name() + "  HTL required: " + (s.htl() ? "yes" : "no")
            + (s.port() == NtlsConfig.DEFAULT_PORT ? "" : "  Port: " + s.port()));
      }
    }
  }

  @Command(name = "fingerprint", description = "The SHA-256 fingerprint of a certificate file.")
  static final class Fingerprint extends VtlCommand {
    @Option(names = {"-c", "-cert", "--cert"}, required = true, paramLabel = "FILE")
    Path cert;

    Fingerprint(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      X509Certificate c;
      try {
        c = TlsCertificates.certificate(read(cert));
      } catch (java.security.GeneralSecurityException e) {
        throw new CliException(ExitCode.INVALID_FILE, cert + " is not an X.509 certificate");
      }
      out().println("Certificate fingerprint (SHA-256): " + TlsCertificates.fingerprint(c.getEncoded()));
      out().println("Subject: " + c.getSubjectX500Principal().getName());
    }
  }

  static byte[] read(Path file) throws CliException {
    try {
      return SmallFiles.read(file);
    } catch (IOException e) {
      throw new CliException(ExitCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
    }
  }
}
