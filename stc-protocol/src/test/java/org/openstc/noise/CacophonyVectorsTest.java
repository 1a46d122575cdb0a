package org.openstc.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.testing.FixedEphemeralProvider;
import org.openstc.testing.Vectors;

/**
 * Every cacophony vector whose pattern, DH, cipher and hash the provider supports must reproduce
 * byte for byte: handshake messages, handshake hash and the transport messages that follow.
 */
class CacophonyVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  /** IK and KK with 25519 x {AESGCM, ChaChaPoly} x {SHA256, SHA512}: must all be present and pass. */
  private static final Set<String> REQUIRED = required();
  /** The only functions a provider may lack: the JDK has no BLAKE2 (Bouncy Castle runs them). */
  private static final Set<String> NOT_IN_THE_JDK = Set.of("BLAKE2b", "BLAKE2s");

  static Stream<CryptoProvider> providers() {
    return CryptoProviders.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void reproducesEverySupportedVector(CryptoProvider provider) {
    JsonArray vectors = Vectors.json("noise/cacophony.json").getAsJsonObject()
        .getAsJsonArray("vectors");
    List<String> failures = new ArrayList<>();
    Set<String> passed = new TreeSet<>();
    int ran = 0;
    int skipped = 0;
    Set<String> unsupported = new TreeSet<>();
    for (JsonElement el : vectors) {
      JsonObject v = el.getAsJsonObject();
      String name = v.get("protocol_name").getAsString();
      if (!supported(provider, name, unsupported)) {
        skipped++;
        continue;
      }
      ran++;
      try {
        run(provider, v);
        passed.add(name);
      } catch (AssertionError | GeneralSecurityException | RuntimeException e) {
        failures.add(name + ": " + e);
      }
    }
    System.out.printf("cacophony [%s]: %d of %d vectors ran, %d passed, %d failed, %d not "
        + "applicable (functions the provider lacks: %s)%n", provider.name(), ran, vectors.size(),
        passed.size(), failures.size(), skipped, unsupported);
    assertEquals(List.of(), failures, "failing vectors");
    unsupported.removeAll(NOT_IN_THE_JDK);
    assertEquals(Set.of(), unsupported, "only BLAKE2 (absent from the JDK) may be left out");
    Set<String> missing = new TreeSet<>(REQUIRED);
    missing.removeAll(passed);
    assertEquals(Set.of(), missing, "required IK/KK vectors missing or wrong");
    assertTrue(ran > 0, "no vector ran");
  }

  /** True if the provider can run {@code protocolName}; else adds what it lacks to {@code missing}. */
  private static boolean supported(CryptoProvider provider, String protocolName,
      Set<String> missing) {
    String[] p = protocolName.split("_");
    if (p.length != 5 || Patterns.byName(p[1]).isEmpty()) {
      missing.add(protocolName);
      return false;
    }
    List<String> functions = List.of(p[2], p[3], p[4]);
    boolean all = provider.supported().containsAll(functions);
    functions.stream().filter(f -> !provider.supported().contains(f)).forEach(missing::add);
    return all;
  }

  private static void run(CryptoProvider provider, JsonObject v) throws GeneralSecurityException {
    String name = v.get("protocol_name").getAsString();
    HandshakePattern pattern = NoiseSuite.patternOf(name);
    HandshakeState init = side(provider, name, pattern, true, v, "init_");
    HandshakeState resp = side(provider, name, pattern, false, v, "resp_");
    JsonArray messages = v.getAsJsonArray("messages");
    int i = 0;
    for (; init.action() != HandshakeState.Action.SPLIT; i++) {
      boolean fromInit = i % 2 == 0;
      HandshakeState sender = fromInit ? init : resp;
      HandshakeState receiver = fromInit ? resp : init;
      JsonObject m = messages.get(i).getAsJsonObject();
      byte[] payload = hex(m, "payload");
      byte[] ct = sender.writeMessage(payload);
      assertArrayEquals(hex(m, "ciphertext"), ct, "handshake message " + i);
      assertArrayEquals(payload, receiver.readMessage(ct), "handshake payload " + i);
    }
    assertEquals(HandshakeState.Action.SPLIT, resp.action());
    if (v.has("handshake_hash")) {
      assertArrayEquals(hex(v, "handshake_hash"), init.handshakeHash(), "handshake hash");
      assertArrayEquals(hex(v, "handshake_hash"), resp.handshakeHash(), "handshake hash");
    }
    CipherStatePair ip = init.split();
    CipherStatePair rp = resp.split();
    for (; i < messages.size(); i++) {
      boolean fromInit = pattern.isOneWay() || i % 2 == 0;
      CipherState tx = fromInit ? ip.sender() : rp.sender();
      CipherState rx = fromInit ? rp.receiver() : ip.receiver();
      JsonObject m = messages.get(i).getAsJsonObject();
      byte[] ct = tx.encryptWithAd(new byte[0], hex(m, "payload"));
      assertArrayEquals(hex(m, "ciphertext"), ct, "transport message " + i);
      assertArrayEquals(hex(m, "payload"), rx.decryptWithAd(new byte[0], ct));
    }
  }

  /** One side; a vector's ephemeral key is fixed by the provider the side runs on. */
  private static HandshakeState side(CryptoProvider provider, String name,
      HandshakePattern pattern, boolean initiator, JsonObject v, String prefix)
      throws GeneralSecurityException {
    if (v.has(prefix + "ephemeral")) {
      provider = FixedEphemeralProvider.of(provider, name.split("_")[2],
          hex(v, prefix + "ephemeral"));
    }
    NoiseSuite suite = NoiseSuite.forProtocolName(provider, name);
    HandshakeBuilder b = HandshakeState.builder(suite, pattern, initiator)
        .prologue(hex(v, prefix + "prologue"));
    if (v.has(prefix + "static")) {
      b.localStatic(suite.dh().fromPrivateKey(hex(v, prefix + "static")));
    }
    if (v.has(prefix + "remote_static")) {
      b.remoteStatic(hex(v, prefix + "remote_static"));
    }
    if (v.has(prefix + "remote_ephemeral")) {
      b.remoteEphemeral(hex(v, prefix + "remote_ephemeral"));
    }
    if (v.has(prefix + "psks")) {
      for (JsonElement psk : v.getAsJsonArray(prefix + "psks")) {
        b.psk(HEX.parseHex(psk.getAsString()));
      }
    }
    return b.build();
  }

  private static byte[] hex(JsonObject o, String field) {
    return HEX.parseHex(o.get(field).getAsString());
  }

  private static Set<String> required() {
    Set<String> out = new TreeSet<>();
    for (String p : List.of("IK", "KK")) {
      for (String c : List.of("AESGCM", "ChaChaPoly")) {
        for (String h : List.of("SHA256", "SHA512")) {
          out.add("Noise_" + p + "_25519_" + c + "_" + h);
        }
      }
    }
    return out;
  }
}
