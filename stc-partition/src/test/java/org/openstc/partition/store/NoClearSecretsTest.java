package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.stc.KeyType;

/**
 * Scans every file a sealed host writes (home, share directory, key file directory) for the raw
 * master key bytes, the serialized keyset, the SO password and the share holder passwords.
 */
class NoClearSecretsTest {
  @TempDir
  Path dir;

  /** The raw AES-256 key inside a master key: what a thief would look for. */
  static byte[] rawKey(MasterKey key) throws Exception {
    KeysetHandle h = TinkProtoKeysetFormat.parseKeyset(key.keyset(), InsecureSecretKeyAccess.get());
    return ((AesGcmKey) h.getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
  }

  /** Every file under {@code root} that contains {@code needle}. */
  static List<Path> filesContaining(Path root, byte[] needle) throws Exception {
    List<Path> hits = new ArrayList<>();
    try (var walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(f), needle) >= 0) {
          hits.add(f);
        }
      }
    }
    return hits;
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void nothingSecretIsWrittenInClear() throws Exception {
    Path pwHome = dir.resolve("pw");
    MasterKey a = Hsm.init(pwHome, "pw", HsmTest.pw(HsmTest.PW), HsmTest.CHEAP);
    Path keyFile = dir.resolve("keys/auto.key");
    Files.createDirectories(keyFile.getParent());
    AutoActivationTest.writeKeyFile(keyFile);
    AutoActivation.enable(pwHome, a, keyFile);
    try (HostStore store = HostStore.open(pwHome, HsmTest.CHEAP).unseal(a)) {
      long serial = store.partitions().create("p1", 100_000, KeyType.X25519).serial();
      store.objects().generate(serial, org.openstc.command.ObjectBodies.ObjectType.AES256, "k");
    }
    Hsm.changePassword(pwHome, HsmTest.PW.toCharArray(), "second-password".toCharArray(), HsmTest.CHEAP);

    Path mofnHome = dir.resolve("mofn");
    List<Path> shares = KekSharesTest.init(mofnHome, dir.resolve("shares"));
    MasterKey b = Hsm.unseal(mofnHome, SoSecret.shares(shares.subList(0, 2),
        KekSharesTest.passwords("holder-1", "holder-2")));

    List<byte[]> secrets = new ArrayList<>(List.of(rawKey(a), a.keyset(), rawKey(b), b.keyset()));
    for (String p : List.of(HsmTest.PW, "second-password", "holder-1", "holder-2", "holder-3")) {
      secrets.add(p.getBytes(StandardCharsets.UTF_8));
      secrets.add(p.getBytes(StandardCharsets.UTF_16LE));
    }
    int files;
    try (var walk = Files.walk(dir)) {
      files = (int) walk.filter(Files::isRegularFile).count();
    }
    assertTrue(files >= 10, "scanned " + files + " files");
    for (byte[] s : secrets) {
      assertEquals(List.of(), filesContaining(dir, s));
    }
    a.destroy();
    b.destroy();
  }
}
