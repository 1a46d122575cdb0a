package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;

/**
 * OpenSSL through libp11's PKCS#11 engine (Debian's libengine-pkcs11-openssl; Debian 12 has
 * no pkcs11-provider) on p11-kit-client.so: a CSR signed with a partition key, which openssl
 * then verifies.
 */
class OpensslEngineIT {
  static final String ENGINE = "/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so";
  @TempDir Path dir;

  @Test
  void signsACsrWithAPartitionKey() throws Exception {
    assumeTrue(Files.exists(Path.of(ENGINE)) && Files.exists(Path.of(Tool.CLIENT_MODULE)),
        "libengine-pkcs11-openssl and p11-kit-modules are installed by .ci/run");
    try (LivePartition live = LivePartition.create(dir)) {
      try (StcClient c = StcClient.open(live.home, null); Slot slot = c.openSlot(0)) {
        slot.login(Role.CO, LivePartition.CO_PIN.toCharArray());
        slot.generate(ObjectType.EC_P256, "csr-key");
      }
      live.serve();
      Path conf = Files.writeString(dir.resolve("openssl.cnf"), String.join("\n",
          "openssl_conf = openssl_init", "[openssl_init]", "engines = engine_section",
          "[engine_section]", "pkcs11 = pkcs11_section", "[pkcs11_section]",
          "engine_id = pkcs11", "dynamic_path = " + ENGINE,
          "MODULE_PATH = " + Tool.CLIENT_MODULE, "init = 0", ""));
      Path csr = dir.resolve("req.pem");
      ProcessBuilder pb = new ProcessBuilder(List.of("openssl", "req", "-new", "-engine",
          "pkcs11", "-keyform", "engine", "-key",
          "pkcs11:object=csr-key;type=private?pin-value=" + LivePartition.CO_PIN,
          "-subj", "/CN=openstc-p11", "-sha256", "-out", csr.toString()))
          .redirectErrorStream(true);
      pb.environment().put("OPENSSL_CONF", conf.toString());
      pb.environment().put("P11_KIT_SERVER_ADDRESS", "unix:path=" + live.socket);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      p.waitFor();
      assertEquals(0, p.exitValue(), out);
      Tool.Result verify = Tool.run(live.socket, List.of("openssl", "req", "-in", csr.toString(),
          "-verify", "-noout", "-subject"));
      assertTrue(verify.output().contains("verify OK") && verify.output().contains("openstc-p11"),
          verify.output());
    }
  }
}
