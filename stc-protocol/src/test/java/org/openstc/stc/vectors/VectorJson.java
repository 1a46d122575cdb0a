package org.openstc.stc.vectors;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;
import org.openstc.stc.Suite;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.wire.FrameType;

/** The JSON form of the STC/1 vectors (Wycheproof style): writing and reading. */
public final class VectorJson {

  /** One group: a suite and its cases. */
  public record Group(Suite suite, List<VectorCase> tests) {}

  private VectorJson() {}

  // ---- writing

  static String write(JsonObject header, List<Group> groups, CryptoProvider provider)
      throws GeneralSecurityException {
    JsonArray gs = new JsonArray();
    int n = 0;
    for (Group g : groups) {
      gs.add(group(g, provider));
      n += g.tests().size();
    }
    JsonObject root = new JsonObject();
    for (Map.Entry<String, JsonElement> e : header.entrySet()) {
      root.add(e.getKey(), e.getValue());
    }
    root.addProperty("numberOfTests", n);
    root.add("testGroups", gs);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root)
        + "\n";
  }

  private static JsonObject group(Group g, CryptoProvider provider)
      throws GeneralSecurityException {
    KeyType kt = g.suite().keyType();
    JsonObject o = new JsonObject();
    o.addProperty("type", "StcTranscriptTest");
    o.addProperty("suite", g.suite().noiseName());
    o.addProperty("suiteCode", String.format("%04x", g.suite().code()));
    o.addProperty("keyType", kt.label());
    o.addProperty("serial", Setup.SERIAL);
    for (FixedKeys.Role r : FixedKeys.Role.values()) {
      byte[] priv = FixedKeys.privateKey(kt, r);
      o.addProperty(camel(r.label) + "PrivateKey", FixedKeys.hex(priv));
      o.addProperty(camel(r.label) + "PublicKey",
          FixedKeys.hex(kt.dh(provider).fromPrivateKey(priv).publicKey()));
    }
    JsonArray tests = new JsonArray();
    for (VectorCase c : g.tests()) {
      tests.add(test(c));
    }
    o.add("tests", tests);
    return o;
  }

  private static JsonObject test(VectorCase c) {
    JsonObject o = new JsonObject();
    o.addProperty("tcId", c.tcId());
    o.addProperty("comment", c.comment());
    o.addProperty("result", c.result());
    o.add("flags", strings(c.flags()));
    JsonArray offer = new JsonArray();
    c.setup().offer().forEach(s -> offer.add(s.noiseName()));
    o.add("offeredSuites", offer);
    o.addProperty("clientRegistered", c.setup().clientRegistered());
    o.addProperty("clientKnowsPartitionKey", c.setup().clientKnowsRightPartitionKey());
    o.add("policy", policy(c.setup().policy()));
    JsonArray steps = new JsonArray();
    c.steps().forEach(s -> steps.add(step(s)));
    o.add("steps", steps);
    if (!c.valid()) {
      o.addProperty("failingStep", c.steps().size() - 1);
      o.addProperty("expectedError", c.expectedError().name());
    }
    return o;
  }

  private static JsonObject policy(ChannelPolicy p) {
    JsonObject o = new JsonObject();
    JsonArray ciphers = new JsonArray();
    p.ciphers().forEach(x -> ciphers.add(x.name()));
    JsonArray hashes = new JsonArray();
    p.hashes().forEach(x -> hashes.add(x.name()));
    o.add("ciphers", ciphers);
    o.add("hashes", hashes);
    o.addProperty("integrityOnly", p.integrityOnly());
    o.addProperty("replayWindow", p.replayWindow());
    o.addProperty("rekeyThresholdRecords", p.rekeyThresholdRecords());
    return o;
  }

  private static JsonObject step(Step s) {
    JsonObject o = new JsonObject();
    o.addProperty("op", s.op.json);
    o.addProperty("dir", s.dir.json);
    if (s.type != null) {
      o.addProperty("type", s.type.name());
    }
    if (s.payload != null) {
      o.addProperty("payload", FixedKeys.hex(s.payload));
    }
    if (s.frame != null) {
      o.addProperty("frame", FixedKeys.hex(s.frame));
    }
    return o;
  }

  static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  static String camel(String label) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char ch : label.toCharArray()) {
      if (ch == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(ch) : ch);
        up = false;
      }
    }
    return b.toString();
  }

  // ---- reading

  /** The groups of a vector file; checks that the keys in the file are the derived ones. */
  public static List<Group> read(String json) {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    List<Group> out = new ArrayList<>();
    for (JsonElement ge : root.getAsJsonArray("testGroups")) {
      JsonObject g = ge.getAsJsonObject();
      Suite suite = Suite.fromNoiseName(g.get("suite").getAsString()).orElseThrow();
      long serial = g.get("serial").getAsLong();
      for (FixedKeys.Role r : FixedKeys.Role.values()) {
        String inFile = g.get(camel(r.label) + "PrivateKey").getAsString();
        if (!inFile.equals(FixedKeys.hex(FixedKeys.privateKey(suite.keyType(), r)))) {
          throw new IllegalArgumentException("group " + suite + ": " + r + " key differs");
        }
      }
      List<VectorCase> tests = new ArrayList<>();
      for (JsonElement te : g.getAsJsonArray("tests")) {
        tests.add(readTest(te.getAsJsonObject(), suite.keyType(), serial));
      }
      out.add(new Group(suite, tests));
    }
    return out;
  }

  private static VectorCase readTest(JsonObject t, KeyType keyType, long serial) {
    List<Suite> offer = new ArrayList<>();
    t.getAsJsonArray("offeredSuites").forEach(
        e -> offer.add(Suite.fromNoiseName(e.getAsString()).orElseThrow()));
    Setup setup = new Setup(keyType, serial, offer, readPolicy(t.getAsJsonObject("policy")),
        t.get("clientRegistered").getAsBoolean(), t.get("clientKnowsPartitionKey").getAsBoolean());
    List<Step> steps = new ArrayList<>();
    t.getAsJsonArray("steps").forEach(e -> steps.add(readStep(e.getAsJsonObject())));
    boolean valid = t.get("result").getAsString().equals("valid");
    List<String> flags = new ArrayList<>();
    t.getAsJsonArray("flags").forEach(e -> flags.add(e.getAsString()));
    StcError error = valid ? null : StcError.valueOf(t.get("expectedError").getAsString());
    if (!valid && t.get("failingStep").getAsInt() != steps.size() - 1) {
      throw new IllegalArgumentException("tcId " + t.get("tcId") + ": failingStep is not last");
    }
    return new VectorCase(t.get("tcId").getAsInt(), t.get("comment").getAsString(), flags, valid,
        setup, steps, error);
  }

  private static ChannelPolicy readPolicy(JsonObject p) {
    EnumSet<ChannelPolicy.Cipher> ciphers = EnumSet.noneOf(ChannelPolicy.Cipher.class);
    p.getAsJsonArray("ciphers").forEach(
        e -> ciphers.add(ChannelPolicy.Cipher.valueOf(e.getAsString())));
    EnumSet<ChannelPolicy.Hash> hashes = EnumSet.noneOf(ChannelPolicy.Hash.class);
    p.getAsJsonArray("hashes").forEach(e -> hashes.add(ChannelPolicy.Hash.valueOf(e.getAsString())));
    long rekey = p.get("rekeyThresholdRecords").getAsLong();
    ChannelPolicy.Builder b = ChannelPolicy.builder().ciphers(ciphers).hashes(hashes)
        .integrityOnly(p.get("integrityOnly").getAsBoolean())
        .replayWindow(p.get("replayWindow").getAsInt());
    return (rekey == 0 ? b.rekeyThreshold(0) : b.rekeyThresholdRecords(rekey)).build();
  }

  private static Step readStep(JsonObject s) {
    Step.Op op = Step.Op.of(s.get("op").getAsString());
    FrameType type = s.has("type") ? FrameType.valueOf(s.get("type").getAsString()) : null;
    byte[] payload = s.has("payload") ? FixedKeys.unhex(s.get("payload").getAsString()) : null;
    byte[] frame = s.has("frame") ? FixedKeys.unhex(s.get("frame").getAsString()) : null;
    return new Step(op, Dir.of(s.get("dir").getAsString()), type, payload, frame, null);
  }

  /** Flags and their meaning, for the header's {@code notes}. */
  static Map<String, String> notes() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Basic", "A complete conversation: OPEN, OPEN_RESPONSE, ACTIVATE, ACTIVATE_RESPONSE, "
        + "DATA records both ways, CLOSE.");
    m.put("Retry", "The partition does not allow the client's first suite and answers RETRY "
        + "naming the suite; the client sends a second OPEN with the same offer and the same "
        + "fixed ephemeral key.");
    m.put("Rekey", "The rekey threshold (records per key and direction) is small, so key updates "
        + "(Noise REKEY, key-phase bit) happen inside the transcript.");
    m.put("ForcedRekey", "A side calls rekeyNow (op rekeyNow): its next record uses the next key "
        + "phase and sets the update-requested flag, and the peer updates its own sending key.");
    m.put("IntegrityOnly", "The partition policy disables encryption: payloads travel in clear "
        + "and are authenticated.");
    m.put("OutOfOrder", "A record is held back and delivered later, inside the replay window.");
    m.put("TamperedPrologue", "The cleartext prologue of OPEN was altered.");
    m.put("TamperedHandshake", "A handshake frame (OPEN, RETRY, OPEN_RESPONSE) was altered.");
    m.put("WrongPartitionKey", "The client encrypts to a partition identity key that is not the "
        + "partition's (impostorStaticPrivateKey).");
    m.put("UnknownClient", "The client's identity is not registered on the partition.");
    m.put("BadActivate", "ACTIVATE or ACTIVATE_RESPONSE was altered or replayed.");
    m.put("Replay", "A record that was already accepted is delivered again.");
    m.put("BelowWindow", "A record older than the replay window is delivered.");
    m.put("DuplicateInWindow", "A record accepted out of order inside the window is delivered a "
        + "second time.");
    m.put("WrongKeyPhase", "The key-phase bit of a record was flipped.");
    m.put("BitFlip", "One bit of a record frame (header, flags, sequence, ciphertext or tag) was "
        + "flipped.");
    m.put("Close", "A record arrives after the peer's CLOSE.");
    return m;
  }
}
