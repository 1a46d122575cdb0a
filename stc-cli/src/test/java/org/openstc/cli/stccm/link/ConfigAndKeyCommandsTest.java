package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.store.Partitions;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/** Every stcconfig command and the key/random commands, one-shot with -role/-password. */
class ConfigAndKeyCommandsTest {
  private static final String[] PO = {"-role", "po", "-password", LinkFixture.SO_PIN};
  private static final String[] CO = {"-role", "co", "-password", LinkFixture.CO_PIN};

  @TempDir Path dir;
  LinkFixture host;
  Cm cm;

  @BeforeEach
  void start() throws Exception {
    host = new LinkFixture(dir);
    cm = host.initializedClient("client1");
  }

  @AfterEach
  void stop() {
    host.close();
  }

  private int as(String[] role, String... args) {
    String[] all = new String[args.length + role.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(role, 0, all, args.length, role.length);
    return cm.run(all);
  }

  @Test
  void clientRegistrationsAndIdentityExport() throws Exception {
    Cm other = host.newClient("client2");
    assertEquals(0, other.run("stc", "identityexport", "-file", dir.resolve("c2.stcid").toString()),
        other.both());
    String hash = IdentityFile.read(dir.resolve("c2.stcid")).fingerprint();
    String file = dir.resolve("c2.stcid").toString();
    assertEquals(8, as(PO, "stcconfig", "clientregister", "-label", "client2", "-file", file, "-hash",
        "00".repeat(32)), cm.both());
    assertEquals(0, as(PO, "stcconfig", "clientregister", "-label", "client2", "-file", file, "-hash",
        hash), cm.both());
    assertTrue(cm.out.contains("Client identity client2 successfully registered") && cm.out.contains(hash),
        cm.both());
    assertEquals(26, as(PO, "stcconfig", "clientregister", "-label", "client2", "-file", file), cm.both());
    assertEquals(0, as(PO, "stcconfig", "clientlist", "-json"), cm.both());
    JsonArray clients = JsonParser.parseString(cm.out).getAsJsonObject().getAsJsonArray("clients");
    assertEquals(2, clients.size());
    JsonObject c2 = clients.get(1).getAsJsonObject();
    assertEquals("client2", c2.get("label").getAsString());
    assertEquals(hash, c2.get("fingerprint").getAsString());
    assertEquals("x25519", c2.get("keyType").getAsString());
    assertEquals(0, as(PO, "stcconfig", "clientlist"), cm.both());
    assertTrue(cm.out.contains("client2") && cm.out.contains(hash), cm.both());
    assertEquals(0, as(PO, "stcconfig", "clientderegister", "-label", "client2"), cm.both());
    assertEquals(26, as(PO, "stcconfig", "clientderegister", "-label", "client2"), cm.both());

    assertEquals(0, as(PO, "stcconfig", "partitionidexport"), cm.both());
    Path pid = cm.home().resolve("partition_identities/" + host.serial() + ".pid");
    String expected = Partitions.identityFile(host.partition).fingerprint();
    assertTrue(cm.out.contains(pid.toString()) && cm.out.contains(expected), cm.both());
    assertEquals(expected, IdentityFile.read(pid).fingerprint());
    Path elsewhere = dir.resolve("out.pid");
    assertEquals(0, as(PO, "stcconfig", "partitionidexport", "-file", elsewhere.toString()), cm.both());
    assertEquals(host.serial(), IdentityFile.read(elsewhere).serial());
  }

  @Test
  void clientRegisterRefusesAnotherKeyTypeAndStoresNothing() throws Exception {
    Path p256 = dir.resolve("p256.stcid");
    IdentityFile.client("p256client", InMemoryStaticKey.generate(KeyType.P256,
        CryptoProviders.jca()).identity()).write(p256);
    long used = host.store.partitions().get(host.partition.name()).usedBytes();
    assertEquals(26, as(PO, "stcconfig", "clientregister", "-label", "client2", "-file",
        p256.toString()), cm.both());
    assertTrue(cm.err.contains("p256") && cm.err.contains("x25519"), cm.both());
    assertEquals(used, host.store.partitions().get(host.partition.name()).usedBytes());
    assertEquals(1, host.store.registrations().list(host.serial()).size());
  }

  @Test
  void settingsShowSetAndRangeRefusals() {
    assertEquals(0, as(PO, "stcconfig", "replaywindowset", "-size", "500"), cm.both());
    assertTrue(cm.out.contains("Successfully changed the replay window size for slot 0 to 500 commands."),
        cm.both());
    assertEquals(26, as(PO, "stcconfig", "replaywindowset", "-size", "5000"), cm.both());
    assertTrue(cm.err.contains("replay window 5000 is out of range (100..1000)"), cm.both());
    assertEquals(2, as(PO, "stcconfig", "replaywindowset", "-size", "-1"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "replaywindowshow"), cm.both());
    assertTrue(cm.out.contains("The replay window size for slot 0 is 500 commands."), cm.both());
    assertEquals(0, as(PO, "stcconfig", "activationtimeoutset", "-time", "30"), cm.both());
    assertEquals(26, as(PO, "stcconfig", "activationtimeoutset", "-time", "0"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "activationtimeoutshow"), cm.both());
    assertTrue(cm.out.contains("is 30 seconds"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "rekeythresholdset", "-value", "0"), cm.both());
    assertEquals(26, as(PO, "stcconfig", "rekeythresholdset", "-value", "4001"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "rekeythresholdshow"), cm.both());
    assertTrue(cm.out.contains("0 million messages (never rekey)"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "maxsessionsset", "-value", "7"), cm.both());
    assertEquals(26, as(PO, "stcconfig", "maxsessionsset", "-value", "0"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "maxsessionsshow"), cm.both());
    assertTrue(cm.out.contains("sessions for slot 0 is 7."), cm.both());

    assertEquals(0, as(PO, "stcconfig", "cipherdisable", "-cipher", "aesgcm"), cm.both());
    assertEquals(26, as(PO, "stcconfig", "cipherdisable", "-cipher", "chachapoly"), cm.both());
    assertTrue(cm.err.contains("at least one cipher"), cm.both());
    assertEquals(2, as(PO, "stcconfig", "cipherdisable", "-cipher", "des"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "cipherenable", "-cipher", "none"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "ciphershow"), cm.both());
    assertTrue(cm.out.matches("(?s).*aesgcm +disabled.*chachapoly +enabled.*none +enabled.*"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "hmacdisable", "-hash", "sha512"), cm.both());
    assertEquals(26, as(PO, "stcconfig", "hmacdisable", "-hash", "sha256"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "hmacshow"), cm.both());
    assertTrue(cm.out.matches("(?s).*sha256 +enabled.*sha512 +disabled.*"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "hmacenable", "-hash", "sha512"), cm.both());

    assertEquals(0, cm.run("stc", "status"), cm.both());
    assertTrue(cm.out.contains("Noise_IK_25519_ChaChaPoly_SHA256") && cm.out.contains("integrity-only")
        && cm.out.contains("never (rekey threshold 0)") && cm.out.contains("500"), cm.both());
    assertEquals(0, as(PO, "stcconfig", "cipherdisable", "-cipher", "none"), cm.both());
    assertEquals(0, cm.run("stc", "status"), cm.both());
    assertTrue(cm.out.contains(" encrypted"), cm.both());
  }

  @Test
  void keysEncryptDecryptSignVerifyRandom() throws Exception {
    assertEquals(0, as(CO, "key", "generate", "-keytype", "aes256", "-label", "shared-key"), cm.both());
    long aes = handle(cm.out);
    assertEquals(0, as(CO, "key", "generate", "-keytype", "ED25519", "-label", "signer"), cm.both());
    long ed = handle(cm.out);
    assertEquals(2, as(CO, "key", "generate", "-keytype", "rsa", "-label", "x"), cm.both());
    assertEquals(2, as(CO, "key", "generate", "-keytype", "certificate", "-label", "x"), cm.both());
    assertEquals(0, as(CO, "partition", "contents", "-json"), cm.both());
    assertEquals(2, JsonParser.parseString(cm.out).getAsJsonObject().getAsJsonArray("objects").size());

    Path sealed = dir.resolve("sealed.bin");
    assertEquals(0, as(CO, "key", "encrypt", "-handle", "" + aes, "-text", "hello world", "-out",
        sealed.toString()), cm.both());
    assertEquals(0, as(CO, "key", "decrypt", "-handle", "" + aes, "-in", sealed.toString()), cm.both());
    assertTrue(cm.out.contains("Plaintext (text): hello world"), cm.both());
    Path plain = dir.resolve("plain.bin");
    assertEquals(0, as(CO, "key", "decrypt", "-handle", "" + aes, "-in", sealed.toString(), "-out",
        plain.toString()), cm.both());
    assertEquals("hello world", Files.readString(plain, StandardCharsets.UTF_8));
    assertEquals(2, as(CO, "key", "encrypt", "-handle", "" + aes), cm.both());
    assertEquals(2, as(CO, "key", "encrypt", "-handle", "" + aes, "-hex", "zz"), cm.both());
    assertEquals(26, as(CO, "key", "decrypt", "-handle", "" + aes, "-hex", "00112233"), cm.both());

    assertEquals(0, as(CO, "key", "sign", "-handle", "" + ed, "-hex", "cafe"), cm.both());
    String sig = hexAfter("Signature", cm.out);
    assertEquals(0, as(CO, "key", "verify", "-handle", "" + ed, "-hex", "cafe", "-sighex", sig), cm.both());
    assertTrue(cm.out.contains("The signature verifies"), cm.both());
    assertEquals(26, as(CO, "key", "verify", "-handle", "" + ed, "-hex", "cafd", "-sighex", sig), cm.both());
    assertTrue(cm.err.contains("does not verify"), cm.both());

    assertEquals(0, cm.run("random", "-bytes", "16"), cm.both());
    assertEquals(32, hexAfter("Random", cm.out).length());
    assertEquals(2, cm.run("random", "-bytes", "0"), cm.both());
    assertEquals(0, as(CO, "key", "destroy", "-handle", "" + ed), cm.both());
    assertEquals(26, as(CO, "key", "destroy", "-handle", "" + ed), cm.both());
    assertFalse(cm.err.isEmpty());
  }

  private static long handle(String out) {
    Matcher m = Pattern.compile("handle (\\d+)").matcher(out);
    assertTrue(m.find(), out);
    return Long.parseLong(m.group(1));
  }

  static String hexAfter(String what, String out) {
    Matcher m = Pattern.compile(what + " \\(\\d+ bytes, hex\\): ([0-9a-f]+)").matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }
}
