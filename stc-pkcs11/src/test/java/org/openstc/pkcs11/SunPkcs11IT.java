package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;

/**
 * Java's SunPKCS11 provider (a child JVM, {@code library = p11-kit-client.so}) against
 * {@code bin/stc-p11 serve} and a real partition: KeyStore "PKCS11" lists the keys (the EC key
 * as a key entry through the certificate sharing its label), SHA256withECDSA signs in the
 * partition and the JDK verifies with the partition's public key.
 */
class SunPkcs11IT {
  @TempDir Path dir;

  @Test
  void keyStoreListsAndSignatureVerifies() throws Exception {
    assumeTrue(Files.exists(Path.of(Tool.CLIENT_MODULE)), "p11-kit-modules is installed by .ci/run");
    try (LivePartition live = LivePartition.create(dir)) {
      Path spki = dir.resolve("ec.spki");
      try (StcClient c = StcClient.open(live.home, null); Slot slot = c.openSlot(0)) {
        slot.login(Role.CO, LivePartition.CO_PIN.toCharArray());
        long ec = slot.generate(ObjectType.EC_P256, "jca-ec");
        Files.write(spki, slot.objectInfo(ec).publicKeySpki());
        slot.createObject(ObjectType.CERTIFICATE, "jca-ec", SelfSigned.certificate("CN=jca-ec"));
        slot.generate(ObjectType.AES256, "jca-aes");
      }
      live.serve();
      Path config = Files.writeString(dir.resolve("p11.cfg"),
          "name = openstc\nlibrary = " + Tool.CLIENT_MODULE + "\nslot = 0\n");
      ProcessBuilder pb = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", Path.of("target/test-classes").toAbsolutePath().toString(),
          SunPkcs11Probe.class.getName(), config.toString(), LivePartition.CO_PIN, "jca-ec",
          spki.toString())).redirectErrorStream(true);
      pb.environment().put("P11_KIT_SERVER_ADDRESS", "unix:path=" + live.socket);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      System.out.println(out);
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("jca-ec") && out.contains("jca-aes"), out);
      assertTrue(out.contains("jdk verifies: true"), out);
    }
  }
}
