package org.openstc.cli.stccm.deploy;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.NtlsConfig;
import org.openstc.client.NtlsSlots;
import org.openstc.client.StcClient;
import org.openstc.crypto.bc.internal.TlsCertificates;

/**
 * The NTLS one-step setup, after the SSH login: the client certificate (made as {@code vtl
 * createCert} does when missing or with {@code -regen}), uploaded as {@code NAME.pem}; the name
 * checked free on the host (or replaced with {@code -force}); {@code client register} and
 * {@code client assignPartition} for each partition; both fingerprints compared by the tool;
 * {@code server.pem} fetched, checked against the host's own fingerprint and added as {@code vtl
 * addServer} does; and the link verified as {@code vtl verify} does. Re-running it changes
 * nothing that is already as asked.
 */
final class NtlsDeploy implements LinkDeploy {
  private static final String FINGERPRINT = "Certificate fingerprint (SHA-256):";

  record Request(String server, String client, List<String> partitions, int ntlsPort,
      boolean force, boolean regen) {}

  private final Request req;
  private final NtlsConfig config;
  private final HostSteps host;
  private final PrintWriter out;
  private boolean addedServer;

  NtlsDeploy(Request req, NtlsConfig config, HostSteps host, PrintWriter out) {
    this.req = req;
    this.config = config;
    this.host = host;
    this.out = out;
  }

  @Override
  public void run(java.nio.file.Path home) throws Exception {
    String fingerprint = certificate();
    host.upload("upload", Files.readAllBytes(config.clientCertFile(req.client())),
        req.client() + ".pem");
    register(fingerprint);
    assign();
    String registered = host.value("fingerprints", FINGERPRINT, "client", "fingerprint",
        "-client", req.client()).orElse("none");
    if (!registered.equalsIgnoreCase(fingerprint)) {
      throw new DeployException("fingerprints", ExitCode.HASH_MISMATCH, "the host has "
          + registered + " for client " + req.client() + ", this client's certificate is "
          + fingerprint);
    }
    out.printf("The host's fingerprint of client %s matches this client's certificate (%s).%n",
        req.client(), fingerprint);
    server();
    print(verify(home));
  }

  private String certificate() throws Exception {
    Optional<String> current = config.clientName();
    boolean exists = Files.exists(config.clientCertFile(req.client()));
    if (exists && !req.regen() && current.isPresent() && current.get().equals(req.client())) {
      String fp = fingerprint(config.clientCertificate());
      out.printf("Using the client certificate %s (%s).%n", config.clientCertFile(req.client()), fp);
      return fp;
    }
    if (!req.regen() && current.isPresent()) {
      throw new DeployException("certificate", ExitCode.CLIENT_CONFIG, "this client's NTLS "
          + "identity is " + current.get() + " (" + config.clientCertFile(current.get()) + "): "
          + "deploy -client " + current.get() + ", or give -regen to make " + req.client());
    }
    Files.deleteIfExists(config.clientCertFile(req.client()));
    Files.deleteIfExists(config.clientKeyFile(req.client()));
    String fp = fingerprint(config.createCert(req.client(),
        TlsCertificates.KeyAlgorithm.of("ecdsa-p256")));
    out.printf("Created the client certificate %s (%s).%n", config.clientCertFile(req.client()),
        fp);
    return fp;
  }

  private void register(String fingerprint) throws Exception {
    Optional<String> taken = host.value("client name", FINGERPRINT, "client", "fingerprint",
        "-client", req.client());
    if (taken.isPresent() && taken.get().equalsIgnoreCase(fingerprint)) {
      out.printf("Client %s is registered on the host with this certificate already.%n",
          req.client());
      return;
    }
    if (taken.isPresent() && !req.force()) {
      throw new DeployException("client name", ExitCode.ALREADY_EXISTS, "the host has a client "
          + req.client() + " with another certificate (" + taken.get() + "): give -force to "
          + "replace it");
    }
    if (taken.isPresent()) {
      host.run("client name", "client", "delete", "-client", req.client(), "-force");
      out.printf("Deleted client %s (another certificate) on the host (-force).%n", req.client());
    }
    String addressOption = req.client().matches("[0-9.]+|.*:.*") ? "-ip" : "-hostname";
    host.change("register", new String[] {"client", "delete", "-client", req.client(), "-force"},
        "client", "register", "-client", req.client(), addressOption, req.client(), "-cert",
        req.client() + ".pem");
    out.printf("Registered client %s on the host (%s %s).%n", req.client(), addressOption,
        req.client());
  }

  private void assign() throws Exception {
    String assigned = host.value("assign", "Partitions:", "client", "show", "-client",
        req.client()).orElse("none");
    // "par1 (123456789012), par2 (...)": the names before the serials
    List<String> have = Arrays.stream(assigned.split(",\\s*"))
        .map(p -> p.replaceFirst("\\s*\\(.*\\)$", "")).toList();
    for (String p : req.partitions()) {
      if (have.contains(p)) {
        out.printf("Partition %s is assigned to client %s already.%n", p, req.client());
        continue;
      }
      host.change("assign " + p, new String[] {"client", "revokePartition", "-client",
          req.client(), "-partition", p}, "client", "assignPartition", "-client", req.client(),
          "-partition", p);
      out.printf("Assigned partition %s to client %s.%n", p, req.client());
    }
  }

  private void server() throws Exception {
    byte[] pem = host.download("server certificate", "server.pem",
        " (has it an NTLS certificate? sysconf regenCert)");
    X509Certificate cert = TlsCertificates.certificate(pem);
    String fp = fingerprint(cert);
    String own = host.value("server certificate", "Fingerprint (SHA-256):", "sysconf", "cert",
        "export", "-file", "server-check.pem").orElse("none");
    if (!own.equalsIgnoreCase(fp)) {
      throw new DeployException("server certificate", ExitCode.HASH_MISMATCH, "server.pem has "
          + fp + " but the host's certificate is " + own);
    }
    Optional<NtlsConfig.Server> known = config.server(req.server());
    if (known.isPresent() && fingerprint(config.serverCertificate(req.server())).equals(fp)) {
      out.printf("Server %s is in the server list with this certificate already (%s).%n",
          req.server(), fp);
      return;
    }
    if (known.isPresent() && !req.force()) {
      throw new DeployException("server certificate", ExitCode.ALREADY_EXISTS, "server "
          + req.server() + " is in the server list with another certificate: give -force to "
          + "replace it");
    }
    if (known.isPresent()) {
      config.deleteServer(req.server());
    }
    config.addServer(req.server(), pem, req.ntlsPort());
    addedServer = true;
    out.printf("Added server %s (port %d, certificate %s) to the server list.%n", req.server(),
        req.ntlsPort(), fp);
  }

  /** Removes the server entry this run added (after a later step failed). */
  @Override
  public void undoLocal() {
    if (addedServer) {
      try {
        config.deleteServer(req.server());
        out.printf("Undone here: server %s removed from the server list.%n", req.server());
      } catch (Exception e) {
        out.printf("Could not remove server %s from the server list: %s%n", req.server(),
            e.getMessage());
      }
    }
  }

  private List<NtlsSlots.NtlsSlot> verify(java.nio.file.Path home) throws Exception {
    NtlsSlots.Scan scan = NtlsSlots.scan(home, StcClient.DEFAULT_TIMEOUT);
    var failure = scan.failures().get(req.server());
    if (failure != null) {
      throw new DeployException("verify", ExitCode.NOT_REGISTERED, "the NTLS link to "
          + req.server() + " failed: " + failure.getMessage());
    }
    List<NtlsSlots.NtlsSlot> slots = scan.slots().stream()
        .filter(s -> s.server().equals(req.server())).toList();
    for (String p : req.partitions()) {
      if (slots.stream().noneMatch(s -> s.name().equals(p))) {
        throw new DeployException("verify", ExitCode.PARTITION_UNKNOWN, "partition " + p
            + " is not among the slots the NTLS link shows");
      }
    }
    return slots;
  }

  private void print(List<NtlsSlots.NtlsSlot> slots) {
    out.println("The NTLS link works; the partitions this client sees on " + req.server() + ":");
    out.println("Slot    Serial #                Label");
    out.println("====    ================        =====");
    for (NtlsSlots.NtlsSlot s : slots) {
      out.printf("%4d    %16d        %s%n", s.slot(), s.serial(),
          s.label().isEmpty() ? s.name() : s.label());
    }
  }

  static String fingerprint(X509Certificate c) throws Exception {
    return TlsCertificates.fingerprint(c.getEncoded());
  }
}
