package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.cli.e2e.NtlsHost.expect;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's multi-step NTLS procedure with the real launchers in separate processes: the host
 * administrator regenerates the certificate and exports server.pem, the client administrator
 * creates the client certificate and adds the server, the host registers the client and assigns
 * a partition, the client verifies, logs in and encrypts on it; then revoke and delete refuse it.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class NtlsLinkIT {
  /** One host for the class: the bad-input case makes nothing that the procedure would see. */
  @TempDir static Path dir;
  private static NtlsHost host;

  @BeforeAll
  static void startHost() throws Exception {
    host = NtlsHost.start(dir);
  }

  @AfterAll
  static void stopHost() throws Exception {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void multiStepProcedureThenRevokeAndDelete() throws Exception {
    Path serverPem = dir.resolve("server.pem");
    expect(0, host.stcsh("sysconf", "cert", "export", "-file", serverPem.toString()));
    String created = expect(0, host.vtl("createCert", "-n", "127.0.0.1")).out();
    assertTrue(created.contains("Certificate created and written to: "
        + host.clientHome().resolve("cert/client/127.0.0.1.pem")), created);
    String added = expect(0, host.vtl("addserver", "-n", "127.0.0.1", "-c", serverPem.toString(),
        "-port", String.valueOf(host.ntlsPort()))).out();
    assertTrue(added.contains("New server 127.0.0.1 successfully added to server list."), added);
    assertTrue(expect(0, host.vtl("listServers")).out()
        .contains("Server: 127.0.0.1  HTL required: no"));

    String registered = host.session("client register -client web1 -ip 127.0.0.1 -cert "
        + host.clientHome().resolve("cert/client/127.0.0.1.pem"), "client list");
    assertTrue(registered.contains("'client register' successful."), registered);
    assertTrue(registered.contains("registered client 1: web1"), registered);
    String none = expect(0, host.vtl("verify")).out();
    assertFalse(Pattern.compile("(?m)^\\s+0\\s+\\d+").matcher(none).find(), none);

    expect(0, host.stcsh("client", "assignPartition", "-client", "web1", "-partition", "par1"));
    String verified = expect(0, host.vtl("ver")).out(); // abbreviated, as the vendor's tool
    Matcher row = Pattern.compile("(?m)^   0\\s{4}\\s*(\\d+)\\s{8}par1$").matcher(verified);
    assertTrue(row.find(), verified);
    assertTrue(verified.contains("Slot    Serial #                Label"), verified);

    String session = expect(0, host.stccmScript(String.join("\n",
        "partition init -slot 0 -label ntls1 -password so-pin-1234 -force",
        "role login -slot 0 -name po -password so-pin-1234",
        "role initpin -slot 0 -name co -newpin co-pin-1234",
        "role logout -slot 0",
        "role login -slot 0 -name co -password co-pin-1234",
        "key generate -slot 0 -keytype aes256 -label k1",
        "key encrypt -slot 0 -handle 1 -text hello",
        "slot list", "exit", ""))).out();
    assertTrue(session.contains("Ciphertext"), session);
    assertTrue(session.contains("NTLS"), session);

    expect(0, host.stcsh("client", "revokePartition", "-client", "web1", "-partition", "par1"));
    String revoked = host.vtl("verify").out();
    assertFalse(row.reset(revoked).find(), revoked);
    assertNotEquals(0, host.stccm("partition", "show", "-slot", "0").exit());

    expect(0, host.stcsh("client", "delete", "-client", "web1", "-force"));
    NtlsHost.Result refused = host.vtl("verify");
    assertNotEquals(0, refused.exit(), refused.out());
    assertTrue(refused.out().contains("refused the TLS link"), refused.out());
  }

  @Test
  void badInputIsRefusedWithClearMessages() throws Exception {
    NtlsHost.Result noCert = host.stcsh("client", "register", "-client", "x", "-ip", "127.0.0.1");
    assertTrue(noCert.exit() != 0 && noCert.out().contains("cannot read a certificate"),
        noCert.out());
    NtlsHost.Result both = host.stcsh("client", "register", "-client", "x", "-ip", "127.0.0.1",
        "-hostname", "h");
    assertTrue(both.exit() == 2 && both.out().contains("exactly one of"), both.out());
    NtlsHost.Result range = host.stcsh("ntls", "tcp_keepalive", "set", "-idle", "5");
    assertTrue(range.exit() == 2 && range.out().contains("10..10000"), range.out());
    NtlsHost.Result missing = host.vtl("addServer", "-n", "h", "-c", dir.resolve("nope.pem")
        .toString());
    assertTrue(missing.exit() != 0 && !missing.out().contains("Exception"), missing.out());
    assertFalse(host.stcsh("client", "show", "-client", "ghost").out().contains("\tat "));
  }
}
