package org.openstc.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFileException.Reason;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

class IdentityFileTest {
  @TempDir Path dir;

  static PeerIdentity key(KeyType type) throws Exception {
    return InMemoryStaticKey.generate(type, CryptoProviders.jca()).identity();
  }

  static String partitionText() throws Exception {
    return IdentityFile.partition(154438865304L, "app_par1", key(KeyType.P521)).armoured();
  }

  @Test
  void roundTripsEveryKindAndKeyType() throws Exception {
    for (KeyType type : KeyType.values()) {
      PeerIdentity id = key(type);
      IdentityFile p = IdentityFile.parse(IdentityFile.partition(42, "par", id).armoured());
      assertEquals(IdentityKind.PARTITION, p.kind());
      assertEquals(type, p.keyType());
      assertEquals(id, p.identity());
      assertEquals(42, p.serial());
      assertEquals("par", p.label());
      IdentityFile c = IdentityFile.parse(IdentityFile.client("client2", id).armoured());
      assertEquals(IdentityKind.CLIENT, c.kind());
      assertEquals(0, c.serial());
      assertEquals(id.fingerprint(), c.fingerprint());
    }
  }

  @Test
  void armourLooksAsDocumented() throws Exception {
    PeerIdentity id = key(KeyType.X25519);
    String text = IdentityFile.partition(154438865304L, "app_par1", id).armoured();
    assertTrue(text.startsWith("-----BEGIN STC PARTITION IDENTITY-----\nVersion: 1\nKind: partition\n"
        + "Key-Type: x25519\nSerial: 154438865304\nLabel: app_par1\nFingerprint: "
        + id.fingerprint() + "\n\n"), text);
    assertTrue(text.endsWith("\n-----END STC PARTITION IDENTITY-----\n"), text);
  }

  @Test
  void toleratesCrlfTrailingWhitespaceAndBlankLinesAround() throws Exception {
    String text = partitionText();
    String mangled = "\r\n\n" + text.replace("\n", "  \t\r\n") + "\n\n";
    assertEquals(IdentityFile.parse(text).identity(), IdentityFile.parse(mangled).identity());
  }

  @Test
  void writesOwnerOnlyFilesNamedBySerialOrLabel() throws Exception {
    Path pid = IdentityFile.partition(7, "p", key(KeyType.P256)).writeTo(dir.resolve("pids"));
    Path cid = IdentityFile.client("me", key(KeyType.X25519)).writeTo(dir.resolve("cids"));
    assertEquals("7.pid", pid.getFileName().toString());
    assertEquals("me.stcid", cid.getFileName().toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pid)));
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(pid.getParent())));
    assertEquals(IdentityKind.PARTITION, IdentityFile.read(pid, IdentityKind.PARTITION).kind());
    assertReason(Reason.WRONG_KIND, () -> IdentityFile.read(cid, IdentityKind.PARTITION));
  }

  @Test
  void rejectsWrongKeyTypeWhenOneIsRequired() throws Exception {
    IdentityFile f = IdentityFile.parse(partitionText());
    assertReason(Reason.WRONG_KEY_TYPE, () -> f.requireKeyType(KeyType.X25519));
    assertEquals(f, f.requireKeyType(KeyType.P521));
  }

  @Test
  void rejectsEachDefectWithItsOwnReason() throws Exception {
    String text = partitionText();
    assertReason(Reason.NOT_ARMOURED, () -> IdentityFile.parse("hello"));
    assertReason(Reason.NOT_ARMOURED, () -> IdentityFile.parse(text.substring(0, text.length() / 2)));
    assertReason(Reason.BAD_ARMOUR, () -> IdentityFile.parse(text.replace("BEGIN STC", "BEGIN XTC")));
    assertReason(Reason.BAD_ARMOUR,
        () -> IdentityFile.parse(text.replace("END STC PARTITION", "END STC CLIENT")));
    assertReason(Reason.BAD_HEADER, () -> IdentityFile.parse(text.replace("Kind:", "Kind=")));
    assertReason(Reason.BAD_HEADER, () -> IdentityFile.parse(text.replace("Label:", "Colour:")));
    assertReason(Reason.HEADER_MISMATCH, () -> IdentityFile.parse(text.replace("app_par1", "other")));
    assertReason(Reason.HEADER_MISMATCH,
        () -> IdentityFile.parse(text.replace("STC PARTITION IDENTITY", "STC CLIENT IDENTITY")));
    assertReason(Reason.BAD_BASE64, () -> IdentityFile.parse(text.replace("\n\n", "\n\n*")));
    assertReason(Reason.BAD_HEADER, () -> IdentityFile.parse(text.replace("\n\n", "\n")));
  }

  @Test
  void rejectsBodyDefectsWithTheirOwnReason() throws Exception {
    IdentityFile good = IdentityFile.partition(9, "par", key(KeyType.P256));
    byte[] body = IdentityBody.encode(good);
    assertBody(Reason.BAD_MAGIC, patch(body, 0, 'X'), good);
    assertBody(Reason.UNSUPPORTED_VERSION, patch(body, 8, 2), good);
    assertBody(Reason.WRONG_KIND, patch(body, 9, 7), good);
    assertBody(Reason.UNKNOWN_KEY_TYPE, patch(body, 10, 9), good);
    assertBody(Reason.BAD_KEY, patch(body, body.length - 10, body[body.length - 10] ^ 1), good);
    assertBody(Reason.TRUNCATED, java.util.Arrays.copyOf(body, body.length - 5), good);
    assertBody(Reason.TRAILING_DATA, java.util.Arrays.copyOf(body, body.length + 1), good);
    assertBody(Reason.BAD_CHECKSUM, patch(body, body.length - 1, body[body.length - 1] ^ 1), good);
  }

  @Test
  void refusesBadLabelsAndSerials() throws Exception {
    PeerIdentity id = key(KeyType.X25519);
    assertReason(Reason.BAD_LABEL, () -> IdentityFile.client("../etc", id));
    assertReason(Reason.BAD_LABEL, () -> IdentityFile.client("", id));
    assertReason(Reason.BAD_SERIAL, () -> IdentityFile.partition(0, "p", id));
    assertReason(Reason.IO_ERROR, () -> IdentityFile.read(dir.resolve("missing.pid")));
  }

  private static byte[] patch(byte[] body, int index, int value) {
    byte[] copy = body.clone();
    copy[index] = (byte) value;
    return copy;
  }

  private static void assertBody(Reason reason, byte[] body, IdentityFile good) throws Exception {
    String text = good.armoured();
    String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(body);
    String head = text.substring(0, text.indexOf("\n\n") + 2);
    assertReason(reason, () -> IdentityFile.parse(head + b64 + "\n-----END STC PARTITION IDENTITY-----\n"));
  }

  static void assertReason(Reason reason, ThrowingRunnable r) {
    IdentityFileException e = assertThrows(IdentityFileException.class, r::run);
    assertEquals(reason, e.reason(), e.getMessage());
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
