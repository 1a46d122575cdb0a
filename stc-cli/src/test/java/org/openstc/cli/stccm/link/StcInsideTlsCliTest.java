package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.StcTls;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.ntls.NtlsServer;
import org.openstc.partition.server.ServerConfig;

/**
 * {@code clientconfig addserver -c server.pem} against a host serving STC inside TLS: every stccm
 * command works unchanged; a missing or bad certificate file is refused with its reason; deleting
 * the server forgets the certificate.
 */
class StcInsideTlsCliTest {
  @TempDir Path dir;

  @Test
  void stccmWorksThroughTlsWithTheAddedCertificate() throws Exception {
    try (LinkFixture fx = new LinkFixture(dir)) {
      TlsCertificates.Issued cert = TlsCertificates.selfSigned("host", KeyAlgorithm.ECDSA_P256);
      fx.store.ntlsServerKey().save(cert.certificate().getEncoded(), cert.key().getEncoded());
      fx.host.close();
      fx.host = PartitionHost.start(fx.store, ServerConfig.defaults("127.0.0.1", 0)
          .withTls(NtlsServer.stcInsideTls(fx.store)), CryptoProviders.jca());
      Path pem = Files.writeString(dir.resolve("server.pem"),
          TlsCertificates.pem(cert.certificate().getEncoded()), StandardCharsets.US_ASCII);
      Cm cm = fx.newClient("client1");
      fx.bootstrap(cm, "client1");
      assertEquals(0, cm.run("stc", "partitionregister", "-file", fx.pid().toString()), cm.both());
      String at = "127.0.0.1:" + fx.host.port();

      assertEquals(ExitCode.IO_ERROR.code(), cm.run("clientconfig", "addserver", "-n", at, "-c",
          dir.resolve("missing.pem").toString()), cm.both());
      assertTrue(cm.both().contains("cannot read"), cm.both());
      Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
      assertEquals(ExitCode.CLIENT_CONFIG.code(), cm.run("clientconfig", "addserver", "-n", at,
          "-c", junk.toString()), cm.both());
      assertTrue(cm.both().contains("not an X.509 certificate"), cm.both());
      assertFalse(cm.both().contains("\tat "), cm.both());

      assertEquals(0, cm.run("clientconfig", "addserver", "-n", at, "-c", pem.toString()),
          cm.both());
      assertTrue(cm.out.contains("runs inside TLS"), cm.both());
      assertEquals(0, cm.run("stc", "enable", "-id", "0"), cm.both());
      assertEquals(0, cm.run("partition", "init", "-label", "tls1", "-password",
          LinkFixture.SO_PIN), cm.both());
      assertEquals(0, cm.run("partition", "show"), cm.both());
      assertTrue(cm.out.contains("tls1"), cm.both());
      assertEquals(0, cm.run("clientconfig", "listservers"), cm.both());
      assertTrue(cm.out.contains("enabled (inside TLS)"), cm.both());

      assertEquals(0, cm.run("clientconfig", "deleteserver", "-id", "0"), cm.both());
      assertFalse(Files.exists(StcTls.file(cm.home(), "127.0.0.1")), "certificate forgotten");
    }
  }
}
