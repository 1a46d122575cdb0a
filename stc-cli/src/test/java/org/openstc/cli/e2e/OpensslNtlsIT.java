package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.cli.e2e.NtlsHost.expect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;

/**
 * The NTLS port driven by {@code openssl s_client}, a TLS client nobody here wrote: a LINK_LIST is
 * answered only over a handshake with the registered certificate and key from the registered
 * address; an unregistered certificate, none, a registered one from the wrong address and TLS 1.1
 * get no answer, and the host keeps serving the good client after each.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class OpensslNtlsIT {
  @TempDir Path dir;

  @Test
  void onlyTheRegisteredCertificateFromItsAddressGetsAnAnswer() throws Exception {
    try (NtlsHost host = NtlsHost.start(dir)) {
      expect(0, host.vtl("createCert", "-n", "good"));
      Path certs = host.clientHome().resolve("cert/client");
      host.session("client register -client good -ip 127.0.0.1 -cert " + certs.resolve("good.pem"),
          "client assignPartition -client good -partition par1");
      Path elsewhere = dir.resolve("elsewhere");
      Files.createDirectories(elsewhere);
      Path stranger = strangerCert(host, elsewhere);
      List<String> good = List.of("-cert", certs.resolve("good.pem").toString(), "-key",
          certs.resolve("goodKey.pem").toString(), "-pass", "file:" + certs.resolve("keypass"));

      assertEquals(CkResult.CKR_OK, linkList(host, good).result());
      assertNull(linkList(host, List.of("-cert", stranger.resolve("cert/client/s.pem").toString(),
          "-key", stranger.resolve("cert/client/sKey.pem").toString(), "-pass",
          "file:" + stranger.resolve("cert/client/keypass"))));
      assertNull(linkList(host, List.of()));
      // TLS 1.1 needs security level 0 in OpenSSL 3 even to be offered; the host refuses it
      // either way (it only speaks TLS 1.3 and 1.2), so no answer comes back.
      List<String> tls11 = new ArrayList<>(good);
      tls11.addAll(List.of("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"));
      assertNull(linkList(host, tls11));
      assertEquals(CkResult.CKR_OK, linkList(host, good).result());

      host.session("client delete -client good -force",
          "client register -client good -ip 10.9.9.9 -cert " + certs.resolve("good.pem"));
      assertNull(linkList(host, good)); // registered, but ipcheck wants 10.9.9.9
      expect(0, host.stcsh("client", "hostip", "map", "-client", "good", "-ip", "127.0.0.1"));
      assertEquals(CkResult.CKR_OK, linkList(host, good).result());
    }
  }

  /** A certificate made the same way in another client home, never registered. */
  private static Path strangerCert(NtlsHost host, Path elsewhere) throws Exception {
    expect(0, host.vtl("createCert", "-n", "s", "-home", elsewhere.toString()));
    return elsewhere;
  }

  /** Sends LINK_LIST through openssl s_client; the response, or null if none came. */
  private static CommandResponse linkList(NtlsHost host, List<String> options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-quiet", "-connect",
        "127.0.0.1:" + host.ntlsPort()));
    cmd.addAll(options);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      byte[] request = new CommandRequest(1, LinkBodies.LINK_LIST, new byte[0]).encode();
      DataOutputStream out = new DataOutputStream(p.getOutputStream());
      out.writeInt(request.length);
      out.write(request);
      out.flush();
      CompletableFuture<byte[]> reply = CompletableFuture.supplyAsync(() -> readFrame(p));
      byte[] frame = reply.get(30, TimeUnit.SECONDS);
      return frame == null ? null : CommandResponse.decode(frame);
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static byte[] readFrame(Process p) {
    try {
      DataInputStream in = new DataInputStream(p.getInputStream());
      byte[] head = in.readNBytes(4);
      if (head.length < 4) {
        return null;
      }
      byte[] frame = in.readNBytes(ByteBuffer.wrap(head).getInt());
      return frame;
    } catch (IOException e) {
      return null;
    }
  }
}
