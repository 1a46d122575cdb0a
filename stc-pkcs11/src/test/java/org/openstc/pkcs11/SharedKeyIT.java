package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed-003 situation (one partition, two registered clients, each with its own token) seen
 * from PKCS#11: client 1 generates a key pair with pkcs11-tool through its stc-p11, client 2
 * finds it and signs with it through its own, openssl verifies with the key client 1 exported.
 */
class SharedKeyIT {
  @TempDir Path dir;

  @Test
  void twoClientsShareOneKeyThroughPkcs11() throws Exception {
    assumeTrue(Tool.installed("pkcs11-tool") && Files.exists(Path.of(Tool.CLIENT_MODULE)));
    try (LivePartition one = LivePartition.create(dir).serve();
         LivePartition two = one.secondClient(dir).serve()) {
      String pin = LivePartition.CO_PIN;
      Tool.Result gen = Tool.pkcs11Tool(one.socket, "--login", "--pin", pin, "--keypairgen",
          "--key-type", "EC:prime256v1", "--label", "shared-ec");
      assertEquals(0, gen.status(), gen.output());
      Path pub = dir.resolve("shared.der");
      assertEquals(0, Tool.pkcs11Tool(one.socket, "--login", "--pin", pin, "--read-object",
          "--type", "pubkey", "--label", "shared-ec", "--output-file", pub.toString()).status());
      Path data = Files.writeString(dir.resolve("msg"), "signed by client 2\n");
      Path digest = Files.write(dir.resolve("msg.sha256"),
          LocalVerify.sha256(Files.readAllBytes(data)));
      Path sig = dir.resolve("msg.sig");
      Tool.Result sign = Tool.pkcs11Tool(two.socket, "--login", "--pin", pin, "--sign",
          "--mechanism", "ECDSA", "--label", "shared-ec", "--signature-format", "openssl",
          "--input-file", digest.toString(), "--output-file", sig.toString());
      assertEquals(0, sign.status(), sign.output());
      Tool.Result check = Tool.run(one.socket, List.of("openssl", "dgst", "-sha256", "-verify",
          pub.toString(), "-keyform", "DER", "-signature", sig.toString(), data.toString()));
      assertTrue(check.output().contains("Verified OK"), check.output());
    }
  }
}
