package org.openstc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector files in {@code testdata/vectors} are exactly the upstream files the tests were written
 * against: each one present, with its size and SHA-256, and each directory with its LICENSE and a
 * SOURCE naming the upstream repository and commit. A vector file that is missing, truncated or
 * edited fails here, whatever the test that reads it does.
 */
class VectorFilesTest {
  /** Relative path, then size and SHA-256 of the upstream file. */
  private static final Map<String, String> FILES = files();

  private static Map<String, String> files() {
    Map<String, String> m = new TreeMap<>();
    m.put("noise/cacophony.json",
        "1709817 3bde7c09a6f349ee11c825c50fcc02649f8f02a47c857a459206b357f9386cae");
    m.put("wycheproof/aes_gcm_test.json",
        "213177 985e5ecc172e181eaf49e89508b9470dcf478002eb7e8559c707eb42dc97dfe7");
    m.put("wycheproof/chacha20_poly1305_test.json",
        "241127 fe61d25f90e1bde4461d00eafe61049e5f29bd999f36b766df9cda90906ad53d");
    m.put("wycheproof/ecdh_secp256r1_ecpoint_test.json",
        "200088 648f16d077caf2400d02331ca51f44744c72c799830c8d0595d0b18b6dd9f886");
    m.put("wycheproof/ecdh_secp256r1_test.json",
        "418368 cdb8bd5d1206fddb6618c69ffa18f303b4752caba321d348d4aacae3f20cbec4");
    m.put("wycheproof/ecdh_secp521r1_ecpoint_test.json",
        "553688 87aba8739c96de2bde8c75b60ffea09d0493192c4d9543d1d969e5e998931f35");
    m.put("wycheproof/ecdh_secp521r1_test.json",
        "854004 b5e379919833afa94ef6cb7e085367408a5ea63cf486ad008ad36ef9be4bebf0");
    m.put("wycheproof/hkdf_sha256_test.json",
        "92505 bb2b462a38b251cb52a2aede706d6d4b62b26864f4e80c95497507ddb07c5f1e");
    m.put("wycheproof/hkdf_sha512_test.json",
        "141660 bb9a21f4e86041caf5d7792b030349f8ff289087f195b2fbc0fc0afc39deca6f");
    m.put("wycheproof/hmac_sha256_test.json",
        "69111 2d201cfa61d1bf95e6f5d07d96634b4a348b31e8eaa277ad7c8d09677b7a743f");
    m.put("wycheproof/hmac_sha512_test.json",
        "88023 b6c90477bdb4a6fc8ee3d1f7b2c0b69a8dfffab34718abaa6cabd71cc2ba1207");
    m.put("wycheproof/x25519_test.json",
        "253890 35c3f5231cf25cc640b524d403461deee9e49441d5d915a3a25b2c8ff5adbe7d");
    return m;
  }

  static Stream<String> vectorFiles() {
    return FILES.keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectorFiles")
  void fileIsTheUpstreamOne(String relative) throws IOException, NoSuchAlgorithmException {
    Path file = Vectors.file(relative);
    byte[] bytes = Files.readAllBytes(file);
    String[] expected = FILES.get(relative).split(" ");
    assertEquals(Long.parseLong(expected[0]), bytes.length, relative + ": size");
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertEquals(expected[1], sha256, relative + ": SHA-256 (the file must stay byte-identical)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("directories")
  void directoryNamesItsLicenceAndSource(String directory) throws IOException {
    Path dir = Vectors.dir().resolve(directory);
    assertTrue(Files.size(Vectors.file(directory + "/LICENSE")) > 0, directory + "/LICENSE");
    String source = Files.readString(Vectors.file(directory + "/SOURCE"), StandardCharsets.UTF_8);
    assertTrue(source.matches("(?s)\\S+/\\S+ [0-9a-f]{40} .*"),
        dir + "/SOURCE must name the upstream repository and commit: " + source);
  }

  static Stream<String> directories() {
    return FILES.keySet().stream().map(f -> f.substring(0, f.indexOf('/'))).distinct();
  }

  @Test
  void noUnlistedFileSitsInTheVectorDirectories() throws IOException {
    TreeSet<String> present = new TreeSet<>();
    for (String directory : directories().toList()) {
      try (Stream<Path> s = Files.list(Vectors.dir().resolve(directory))) {
        s.map(p -> directory + "/" + p.getFileName()).forEach(present::add);
      }
    }
    present.removeIf(p -> p.endsWith("/LICENSE") || p.endsWith("/SOURCE"));
    assertEquals(new TreeSet<>(FILES.keySet()), present,
        "testdata/vectors holds exactly the files the tests use");
  }
}
