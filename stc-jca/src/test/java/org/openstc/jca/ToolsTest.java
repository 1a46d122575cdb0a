package org.openstc.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider with real consumers: keytool makes an EC P-256 key pair in the partition with its
 * self-signed certificate, lists it and writes a CSR that openssl verifies; jarsigner signs a jar
 * that {@code jarsigner -verify} accepts; a JDK TLS server whose key stays in the partition
 * completes a TLS 1.3 handshake with {@code openssl s_client}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ToolsTest {
  @TempDir static Path dir;
  static TestPartition partition;
  static List<String> opts;
  static final String PIN = TestPartition.CO_PIN;

  @BeforeAll
  static void start() throws Exception {
    partition = TestPartition.start(dir);
    opts = Tools.providerOptions(partition.config(""), true);
    Tools.Result r = Tools.run(dir, Tools.command(Tools.jdkTool("keytool"), List.of("-genkeypair", "-keystore", "NONE",
        "-storepass", PIN, "-keypass", PIN, "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1",
        "-sigalg", "SHA256withECDSA", "-dname", "CN=web.example", "-providerName", "OpenSTC"), opts));
    assertEquals(0, r.exit(), r.output());
  }

  @AfterAll
  static void stop() {
    partition.close();
  }

  @Test
  @Order(1)
  void keytoolListsTheKeyEntry() throws Exception {
    Tools.Result r = Tools.run(dir, Tools.command(Tools.jdkTool("keytool"),
        List.of("-list", "-keystore", "NONE", "-storepass", PIN), opts));
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("web, ") && r.output().contains("PrivateKeyEntry"), r.output());
    assertTrue(r.output().contains("Your keystore contains 1 entry"), r.output());
  }

  @Test
  @Order(2)
  void keytoolCertreqIsVerifiedByOpenssl() throws Exception {
    Tools.Result r = Tools.run(dir, Tools.command(Tools.jdkTool("keytool"),
        List.of("-certreq", "-keystore", "NONE", "-storepass", PIN, "-alias", "web", "-file", "web.csr"), opts));
    assertEquals(0, r.exit(), r.output());
    Tools.Result v = Tools.run(dir, List.of("openssl", "req", "-in", "web.csr", "-verify", "-noout", "-subject"));
    assertEquals(0, v.exit(), v.output());
    assertTrue(v.output().contains("verify OK") && v.output().contains("web.example"), v.output());
  }

  @Test
  @Order(3)
  void jarsignerSignsAndVerifies() throws Exception {
    Path jar = dir.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("hello.txt"));
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    List<String> signCmd = new java.util.ArrayList<>(Tools.command(Tools.jdkTool("jarsigner"),
        List.of("-keystore", "NONE", "-storepass", PIN, "-signedjar", "signed.jar"),
        Tools.providerOptions(partition.config(""), false)));
    signCmd.addAll(List.of("app.jar", "web"));
    Tools.Result sign = Tools.run(dir, signCmd);
    assertEquals(0, sign.exit(), sign.output());
    Tools.Result verify = Tools.run(dir, List.of(Tools.jdkTool("jarsigner"), "-verify", "-verbose", "signed.jar"));
    assertEquals(0, verify.exit(), verify.output());
    assertTrue(verify.output().contains("jar verified."), verify.output());
    assertTrue(verify.output().contains("META-INF/WEB.EC"), verify.output());
  }

  @Test
  @Order(4)
  void aJdkTlsServerWithThePartitionKeyCompletesTls13WithOpenssl() throws Exception {
    try (OpenStcProvider provider = new OpenStcProvider(partition.config(""))) {
      Security.addProvider(provider);
      try {
        KeyStore ks = KeyStore.getInstance("OpenSTC", provider);
        ks.load(null, PIN.toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(ks, PIN.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0)) {
          server.setSoTimeout(60_000);
          CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> serveOnce(server));
          Tools.Result client = Tools.run(dir, List.of("openssl", "s_client", "-connect",
              "127.0.0.1:" + server.getLocalPort(), "-tls1_3", "-servername", "web.example"));
          assertEquals("TLSv1.3", served.get(60, TimeUnit.SECONDS), client.output());
          assertTrue(client.output().contains("TLSv1.3") && client.output().contains("CN = web.example"),
              client.output());
          assertTrue(client.output().contains("Peer signature type: ECDSA"), client.output());
        }
      } finally {
        Security.removeProvider(provider.getName());
      }
    }
  }

  @Test
  @Order(5)
  void aJavaSecurityLineRegistersTheConfiguredProvider() throws Exception {
    Path props = dir.resolve("openstc.security");
    Files.writeString(props, "security.provider.13=" + OpenStcProvider.class.getName() + " " + partition.config("") + "\n");
    String cp = System.getProperty("java.class.path");
    Tools.Result r = Tools.run(dir, List.of(Tools.jdkTool("keytool"), "-list", "-keystore", "NONE",
        "-storetype", "OpenSTC", "-storepass", PIN, "-J-Djava.security.properties=" + props, "-J-cp", "-J" + cp,
        "-J--add-modules=jdk.unsupported", "-J--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-J--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"));
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("Keystore provider: OpenSTC") && r.output().contains("web, "), r.output());
  }

  private static String serveOnce(SSLServerSocket server) {
    try (SSLSocket s = (SSLSocket) server.accept()) {
      s.startHandshake();
      OutputStream out = s.getOutputStream();
      out.write("hello\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      in.read(); // the client's close
      return s.getSession().getProtocol();
    } catch (java.io.IOException e) {
      return "failed: " + e;
    }
  }
}
