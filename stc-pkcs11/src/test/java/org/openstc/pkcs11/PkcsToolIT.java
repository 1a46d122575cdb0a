package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSC's pkcs11-tool through p11-kit-client.so and {@code bin/stc-p11 serve} against a real
 * partition host; openssl checks the signature with the public key pkcs11-tool exported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PkcsToolIT {
  @TempDir static Path dir;
  private LivePartition live;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(Tool.installed("pkcs11-tool") && Files.exists(Path.of(Tool.CLIENT_MODULE)),
        "pkcs11-tool and p11-kit-modules are installed by .ci/run");
    live = LivePartition.create(dir).serve();
  }

  @AfterAll
  void stop() throws Exception {
    if (live != null) {
      live.close();
    }
  }

  private Tool.Result tool(String... args) throws Exception {
    Tool.Result r = Tool.pkcs11Tool(live.socket, args);
    assertEquals(0, r.status(), String.join(" ", args) + "\n" + r.output());
    return r;
  }

  private Tool.Result loggedIn(String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of("--login", "--pin", LivePartition.CO_PIN));
    all.addAll(List.of(args));
    return tool(all.toArray(new String[0]));
  }

  @Test
  @Order(1)
  void listsTheSlotWithThePartitionAsToken() throws Exception {
    String out = tool("--list-slots").output();
    assertTrue(out.contains("token label        : " + LivePartition.LABEL), out);
    assertTrue(out.contains("token model        : " + TokenInfo.MODEL), out);
    assertTrue(out.contains("serial num         : " + live.serial), out);
    assertTrue(out.contains("login required"), out);
  }

  @Test
  @Order(2)
  void wrongPinIsRefused() throws Exception {
    Tool.Result r = Tool.pkcs11Tool(live.socket, "--login", "--pin", "wrong-pin", "--list-objects");
    assertTrue(r.status() != 0 && r.output().contains("CKR_PIN_INCORRECT"), r.output());
  }

  @Test
  @Order(3)
  void generatesKeysAndListsThem() throws Exception {
    assertTrue(loggedIn("--keygen", "--key-type", "aes:32", "--label", "aes1").output()
        .contains("Secret Key Object; AES length 32"));
    assertTrue(loggedIn("--keypairgen", "--key-type", "EC:prime256v1", "--label", "ec1").output()
        .contains("EC_PARAMS:  06082a8648ce3d030107"));
    String out = loggedIn("--list-objects").output();
    assertTrue(out.contains("label:      aes1") && out.contains("label:      ec1")
        && out.contains("Public Key Object; EC"), out);
  }

  @Test
  @Order(4)
  void signsAndOpensslVerifiesWithTheExportedPublicKey() throws Exception {
    Path data = Files.writeString(dir.resolve("data.txt"), "signed through PKCS#11\n");
    Path digest = Files.write(dir.resolve("data.sha256"), LocalVerify.sha256(Files.readAllBytes(data)));
    Path sig = dir.resolve("sig.der");
    loggedIn("--sign", "--mechanism", "ECDSA", "--label", "ec1", "--signature-format", "openssl",
        "--input-file", digest.toString(), "--output-file", sig.toString());
    Path raw = dir.resolve("sig.raw");
    loggedIn("--sign", "--mechanism", "ECDSA", "--label", "ec1",
        "--input-file", digest.toString(), "--output-file", raw.toString());
    assertTrue(loggedIn("--verify", "--mechanism", "ECDSA", "--label", "ec1", "--input-file",
        digest.toString(), "--signature-file", raw.toString()).output()
        .contains("Signature is valid"));
    Path pub = dir.resolve("pub.der");
    loggedIn("--read-object", "--type", "pubkey", "--label", "ec1", "--output-file", pub.toString());
    Tool.Result check = Tool.run(live.socket, List.of("openssl", "dgst", "-sha256", "-verify",
        pub.toString(), "-keyform", "DER", "-signature", sig.toString(), data.toString()));
    assertTrue(check.output().contains("Verified OK"), check.output());
  }

  @Test
  @Order(5)
  void generatesRandomBytes() throws Exception {
    Path out = dir.resolve("random.bin");
    tool("--generate-random", "48", "--output-file", out.toString());
    assertEquals(48, Files.size(out));
  }

  @Test
  @Order(6)
  void pkcs11ToolSelfTestPassesWhatApplies() throws Exception {
    String out = loggedIn("--test").output();
    assertTrue(out.contains("C_GenerateRandom") && out.contains("No errors"), out);
  }

  @Test
  @Order(7)
  void everyConnectionsChannelIsClosedAfterwards() throws Exception {
    assertTrue(within(10_000, () -> live.hostChannels() == 0),
        "channels still open: " + live.hostChannels());
  }

  static boolean within(long millis, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
