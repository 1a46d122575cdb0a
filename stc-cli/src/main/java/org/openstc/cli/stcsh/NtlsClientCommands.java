package org.openstc.cli.stcsh;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.HtlRegisterOptions;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.HostNames;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.NtlsClient;
import org.openstc.partition.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The NTLS side of the {@code client} group: registration by certificate and address, list, show,
 * delete, fingerprint, partition assignment, host-IP mapping. Changes reach a running NTLS service
 * within its sweep (0.5 s): a deleted client or revoked partition loses its links.
 */
final class NtlsClientCommands {
  private NtlsClientCommands() {}

  /** The NTLS options of {@code client register}. */
  static final class RegisterOptions {
    @Option(names = {"-client", "--client", "-c"}, paramLabel = "NAME",
        description = "NTLS form: the client's name")
    String client;
    @Option(names = {"-hostname", "--hostname"}, paramLabel = "H",
        description = "NTLS: the client's host name (resolved when it connects)")
    String hostname;
    @Option(names = {"-ip", "--ip"}, paramLabel = "A", description = "NTLS: the client's IP address")
    String ip;
    @Option(names = {"-cert", "--cert"}, paramLabel = "FILE", description = "NTLS: the client's "
        + "certificate (PEM); default NAME.pem, else ADDRESS.pem, from your file area (scp), "
        + "else the host home")
    Path cert;
    @Mixin HtlRegisterOptions htl;
  }

  static <T> T required(T value, String option) throws CliException {
    if (value == null) {
      throw new CliException(ExitCode.USAGE, "missing " + option + " (STC form: -partition P "
          + "-label L -file F; NTLS form: -client NAME -hostname H | -ip A [-cert FILE])");
    }
    return value;
  }

  static void register(HostCommand c, RegisterOptions o, SoLogin so) throws Exception {
    if ((o.hostname == null) == (o.ip == null)) {
      throw new CliException(ExitCode.USAGE, "give exactly one of -hostname and -ip");
    }
    String address = o.hostname != null ? o.hostname : o.ip;
    if (!HostNames.valid(address)) {
      throw new CliException(ExitCode.USAGE, "-hostname/-ip: " + HostNames.RULE);
    }
    o.htl.check();
    if (o.ip != null && !isIpLiteral(o.ip)) {
      throw new CliException(ExitCode.USAGE, "-ip must be an IP address, not " + o.ip
          + " (use -hostname for a name)");
    }
    try (HostStore store = o.htl.generateOtt ? c.openUnsealed(so) : c.open()) {
      Path file = o.cert != null ? o.cert : defaultCertificate(c, store.home(), o.client, address);
      X509Certificate cert;
      try {
        cert = TlsCertificates.certificate(SmallFiles.read(file));
      } catch (java.io.IOException | java.security.GeneralSecurityException e) {
        throw new CliException(ExitCode.INVALID_FILE, "cannot read a certificate from " + file
            + ": " + e.getMessage() + (o.cert != null ? "" : " (without -cert: NAME.pem or, as"
            + " vtl createCert -n ADDRESS names it, ADDRESS.pem in the host home)"));
      }
      store.ntls().register(o.client, o.hostname == null ? "" : o.hostname,
          o.ip == null ? "" : InetAddress.getByName(o.ip).getHostAddress(), cert.getEncoded());
      if (o.htl.requireHtl) {
        store.htl().require(o.client, o.htl.expirySeconds());
      }
      c.out().println("'client register' successful.");
      if (o.htl.generateOtt) {
        HtlCommands.generate(c, store, o.client, c.out());
      }
    }
  }

  /**
   * The certificate file {@code client register} reads without {@code -cert}: {@code NAME.pem} in
   * the host home, else {@code ADDRESS.pem} (the client administrator's {@code vtl createCert -n
   * ADDRESS} copied over unchanged, as seed 004 does).
   */
  /** NAME.pem, else ADDRESS.pem (seed 004), each where {@link FileArea#uploaded} looks. */
  private static Path defaultCertificate(HostCommand c, Path hostHome, String client,
      String address) throws CliException {
    Path byName = FileArea.uploaded(c, hostHome, client + ".pem");
    Path byAddress = FileArea.uploaded(c, hostHome, address + ".pem");
    return java.nio.file.Files.exists(byName) || !java.nio.file.Files.exists(byAddress) ? byName
        : byAddress;
  }

  private static boolean isIpLiteral(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }

  static void list(HostCommand c) throws StoreException {
    try (HostStore store = c.open()) {
      List<NtlsClient> all = store.ntls().list();
      for (int i = 0; i < all.size(); i++) {
        c.out().printf("registered client %d: %s%n", i + 1, all.get(i).name());
      }
      if (all.isEmpty()) {
        c.out().println("No clients are registered.");
      }
    }
  }

  @Command(name = "show", description = "An NTLS client (all without -client): address, "
      + "fingerprint, partitions.")
  static final class Show extends HostCommand {
    @Option(names = {"-client", "--client", "-c"}, paramLabel = "NAME")
    String client;
    @picocli.CommandLine.Mixin org.openstc.cli.common.Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        List<NtlsClient> all = client == null ? store.ntls().list() : List.of(store.ntls().get(client));
        if (json.json) {
          List<java.util.Map<String, Object>> rows = new ArrayList<>();
          for (NtlsClient n : all) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", n.name());
            m.put("hostname", n.hostname());
            m.put("ip", n.ip());
            m.put("mappedIp", n.mappedIp());
            m.put("fingerprint", n.fingerprint());
            m.put("registered", Instant.ofEpochMilli(n.registeredMillis()).toString());
            m.put("partitions", n.partitions().stream().map(String::valueOf).toList());
            rows.add(m);
          }
          ctx.printJson(java.util.Map.of("clients", rows));
          return;
        }
        for (NtlsClient n : all) {
          print(store, n);
        }
      }
    }

    private void print(HostStore store, NtlsClient n) throws Exception {
      {
        out().println("ClientID: " + n.name());
        out().println("Hostname: " + n.hostname());
        out().println("IP: " + n.ip());
        out().println("Mapped IP: " + n.mappedIp());
        out().println("HTL Required: " + (store.htl().state(n.name()).isPresent() ? "yes" : "no"));
        out().println("Fingerprint (SHA-256): " + TlsCertificates.fingerprint(n.certificate()));
        out().println("Registered: " + Instant.ofEpochMilli(n.registeredMillis()));
        List<String> names = new ArrayList<>();
        for (long serial : n.partitions()) {
          try {
            names.add(store.partitions().bySerial(serial).name() + " (" + serial + ")");
          } catch (StoreException e) {
            names.add(serial + " (deleted)");
          }
        }
        out().println("Partitions: " + (names.isEmpty() ? "none" : String.join(", ", names)));
      }
    }
  }

  @Command(name = "delete", description = "Delete an NTLS client; its links are dropped.")
  static final class Delete extends HostCommand {
    @Option(names = {"-client", "--client", "-c"}, required = true, paramLabel = "NAME")
    String client;
    @Option(names = {"-force", "--force", "-f"}, description = "do not ask for 'proceed'")
    boolean force;

    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.ntls().get(client);
        Confirmation.require(ctx, force, "CAUTION:  Are you sure you wish to delete client named:\n"
            + "            " + client);
        store.ntls().delete(client);
        store.htl().forget(client);
        out().println("'client delete' successful.");
      }
    }
  }

  @Command(name = "fingerprint", description = "The SHA-256 fingerprint of a client's certificate.")
  static final class Fingerprint extends HostCommand {
    @Option(names = {"-client", "--client", "-c"}, required = true, paramLabel = "NAME")
    String client;

    Fingerprint(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        out().println("Certificate fingerprint (SHA-256): "
            + TlsCertificates.fingerprint(store.ntls().get(client).certificate()));
      }
    }
  }

  @Command(name = "assignPartition", description = "Let an NTLS client see and use a partition.")
  static final class AssignPartition extends HostCommand {
    @Option(names = {"-client", "--client", "-c"}, required = true, paramLabel = "NAME")
    String client;
    @Option(names = {"-partition", "--partition", "-p"}, required = true, paramLabel = "P")
    String partition;

    AssignPartition(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.ntls().assign(client, partition);
        out().println("'client assignPartition' successful.");
      }
    }
  }

  @Command(name = "revokePartition", description = "Take a partition from an NTLS client; its "
      + "links to it are dropped.")
  static final class RevokePartition extends HostCommand {
    @Option(names = {"-client", "--client", "-c"}, required = true, paramLabel = "NAME")
    String client;
    @Option(names = {"-partition", "--partition", "-p"}, required = true, paramLabel = "P")
    String partition;

    RevokePartition(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.ntls().revoke(client, partition);
        out().println("'client revokePartition' successful.");
      }
    }
  }

  @Command(name = "hostip", description = "Map an NTLS client's host name to an IP: map | unmap | show.")
  static final class HostIp extends HostCommand {
    @Parameters(index = "0", paramLabel = "map|unmap|show")
    String action;
    @Option(names = {"-client", "--client", "-c"}, required = true, paramLabel = "NAME")
    String client;
    @Option(names = {"-ip", "--ip"}, paramLabel = "A", description = "the IP (map)")
    String ip;

    HostIp(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        switch (action.toLowerCase(java.util.Locale.ROOT)) {
          case "map" -> {
            if (ip == null || !isIpLiteral(ip)) {
              throw new CliException(ExitCode.USAGE, "map needs -ip with an IP address");
            }
            store.ntls().mapIp(client, InetAddress.getByName(ip).getHostAddress());
            out().println("'client hostip map' successful.");
          }
          case "unmap" -> {
            store.ntls().mapIp(client, "");
            out().println("'client hostip unmap' successful.");
          }
          case "show" -> {
            NtlsClient n = store.ntls().get(client);
            out().println(n.name() + ": " + (n.mappedIp().isEmpty() ? "no IP mapped"
                : n.address() + " -> " + n.mappedIp()));
          }
          default -> throw new CliException(ExitCode.USAGE, "hostip takes map, unmap or show");
        }
      }
    }
  }
}
