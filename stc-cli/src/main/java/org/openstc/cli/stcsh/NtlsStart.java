package org.openstc.cli.stcsh;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.command.CkResult;
import org.openstc.partition.ntls.HtlServer;
import org.openstc.partition.ntls.NtlsServer;
import org.openstc.partition.ntls.NtlsService;
import org.openstc.partition.store.HostStore;

/** Starts the NTLS service beside STC in {@code service start}, when the host has a certificate. */
final class NtlsStart {
  static final int DEFAULT_PORT = NtlsServer.DEFAULT_PORT;

  private NtlsStart() {}

  /** The TLS of {@code service start -stc-tls}: refused with the reason when there is no certificate. */
  static javax.net.ssl.SSLContext stcInsideTls(HostStore store) throws Exception {
    if (store.ntlsServerKey().certificate().isEmpty()) {
      throw new CliException(ExitCode.NOT_INITIALIZED, "STC inside TLS needs the host's"
          + " server certificate: run sysconf regenCert first");
    }
    return NtlsServer.stcInsideTls(store);
  }

  /**
   * The HTL service (docs/protocol.md Part 4) on {@code port}, or null when the host has no
   * certificate (NTLS says so).
   */
  static HtlServer startHtl(HostStore store, int port, PrintWriter out) throws Exception {
    if (store.ntlsServerKey().certificate().isEmpty()) {
      return null;
    }
    HtlServer server;
    try {
      server = HtlServer.start(store, port);
    } catch (Exception e) {
      if (!(e instanceof java.net.BindException || e instanceof io.netty.channel.ChannelException)) {
        throw e;
      }
      throw new CliException(ExitCode.ERROR, "HTL cannot listen on port " + port + ": "
          + e.getMessage() + " (use -htl-port or -no-htl)");
    }
    out.println("HTL service listening on port " + server.port());
    return server;
  }

  /**
   * NTLS admitting {@code -requirehtl} clients while {@code htl} has their link up, restarted by
   * {@code service restart ntls}, its state kept in {@code ntls-service.json} of {@code dir}; or
   * null (with a line saying why) when the host has no certificate.
   */
  static NtlsService start(HostStore store, Path dir, int port, HtlServer htl, PrintWriter out)
      throws Exception {
    if (store.ntlsServerKey().certificate().isEmpty()) {
      out.println("NTLS service not started: this host has no server certificate (run sysconf"
          + " regenCert).");
      return null;
    }
    NtlsService service;
    NtlsServiceState.Recorder record = new NtlsServiceState.Recorder(dir);
    try {
      service = NtlsService.start(store, port, p -> NtlsServer.start(store, p,
          NtlsServer.policy37(store), htl == null ? name -> false : htl::isUp), record);
    } catch (Exception e) {
      if (!(e instanceof java.net.BindException || e instanceof io.netty.channel.ChannelException)) {
        throw e; // Netty's bind rethrows the socket's checked exception undeclared
      }
      throw new CliException(ExitCode.ERROR, "NTLS cannot listen on port " + port + ": "
          + e.getMessage() + " (use -ntls-port or -no-ntls)");
    }
    if (htl != null) {
      htl.onDown(name -> service.server().endClient(name, CkResult.CKR_DEVICE_ERROR,
          "HTL link down"));
    }
    NtlsServer server = service.server();
    out.println("NTLS service listening on " + server.settings().bind() + ":" + server.port()
        + " (client source IP validation " + (server.settings().ipcheck() ? "enabled" : "disabled")
        + ")");
    return service;
  }
}
