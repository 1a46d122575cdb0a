package org.openstc.stc.example;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.noise.CipherStatePair;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.Patterns;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.internal.Prologue;
import org.openstc.testing.FixedEphemeralProvider;

/**
 * The worked example of docs/protocol.md ("Worked example"): a complete STC/1 transcript for
 * {@code Noise_IK_25519_AESGCM_SHA256} with fixed static and ephemeral keys, produced by the real
 * client and partition code. {@link WorkedExampleTest} checks that the fenced block in the document
 * equals {@link #transcript()}. Run {@link #main} to print it after a deliberate change to the wire
 * format. Each side's ephemeral key is fixed by the provider its handshake runs on
 * ({@link FixedEphemeralProvider}, test code only).
 */
public final class WorkedExample {
  static final String CLIENT_STATIC =
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final String PARTITION_STATIC =
      "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";
  static final String CLIENT_EPHEMERAL =
      "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f";
  static final String PARTITION_EPHEMERAL =
      "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f";
  static final long SERIAL = 154438865304L;
  static final String CLIENT_MESSAGE = "hello, partition";
  static final String PARTITION_MESSAGE = "hello, client";

  private static final HexFormat HEX = HexFormat.of();
  private static final int WRAP = 64;

  private final StringBuilder out = new StringBuilder();

  private WorkedExample() {}

  public static void main(String[] args) throws Exception {
    System.out.print(transcript());
  }

  /** The transcript, exactly as it appears inside the fenced block of docs/protocol.md. */
  public static String transcript() throws GeneralSecurityException, StcException {
    return new WorkedExample().run();
  }

  private String run() throws GeneralSecurityException, StcException {
    CryptoProvider jca = CryptoProviders.jca();
    KeyType type = KeyType.X25519;
    DhFunction dh = type.dh(jca);
    InMemoryStaticKey clientKey = InMemoryStaticKey.fromPrivateKey(type, hex(CLIENT_STATIC), jca);
    InMemoryStaticKey partitionKey =
        InMemoryStaticKey.fromPrivateKey(type, hex(PARTITION_STATIC), jca);
    DhKeyPair ce = dh.fromPrivateKey(hex(CLIENT_EPHEMERAL));
    DhKeyPair pe = dh.fromPrivateKey(hex(PARTITION_EPHEMERAL));
    CryptoProvider clientSide = FixedEphemeralProvider.of(jca, dh.name(), hex(CLIENT_EPHEMERAL));
    CryptoProvider partitionSide =
        FixedEphemeralProvider.of(jca, dh.name(), hex(PARTITION_EPHEMERAL));
    List<Suite> offer = Suite.defaultOffer(type);
    ChannelPolicy policy = ChannelPolicy.defaults();

    line("# Inputs (X25519 private keys are raw 32-byte scalars, RFC 7748)");
    field("client static private", hex(CLIENT_STATIC));
    field("client static public", clientKey.publicKey());
    line("client fingerprint = " + clientKey.identity().fingerprint());
    field("partition static private", hex(PARTITION_STATIC));
    field("partition static public", partitionKey.publicKey());
    line("partition fingerprint = " + partitionKey.identity().fingerprint());
    field("client ephemeral private", hex(CLIENT_EPHEMERAL));
    field("client ephemeral public", ce.publicKey());
    field("partition ephemeral private", hex(PARTITION_EPHEMERAL));
    field("partition ephemeral public", pe.publicKey());
    line("partition serial = " + SERIAL);
    StringBuilder codes = new StringBuilder();
    for (Suite s : offer) {
      codes.append(codes.length() == 0 ? "" : " ").append(String.format("%04x", s.code()));
    }
    line("offered suites = " + codes + " (selected " + offer.get(0).noiseName() + ")");
    line("partition policy = defaults (encrypted, replay window 120, rekey 400 million)");
    line("");

    InMemoryPeerRegistry registry = new InMemoryPeerRegistry().register("client1",
        clientKey.identity());
    PartitionEndpoint endpoint = new PartitionEndpoint(SERIAL, partitionKey, registry, policy);
    ClientHandshake client = new ClientHandshake(clientSide, clientKey, SERIAL,
        partitionKey.identity(), offer);
    PartitionHandshake partition = new PartitionHandshake(partitionSide,
        serial -> serial == SERIAL ? Optional.of(endpoint) : Optional.empty(), System.nanoTime(),
        60);

    byte[] open = client.start();
    int prologueLength = new Prologue(SERIAL, offer.get(0), offer).length();
    byte[] prologue = Arrays.copyOfRange(open, 4, 4 + prologueLength);
    line("# Frame 1, client -> partition: OPEN");
    field("OPEN frame", open);
    field("  frame header", Arrays.copyOfRange(open, 0, 4));
    field("  prologue (the Noise prologue)", prologue);
    int e = 4 + prologueLength;
    field("  e", Arrays.copyOfRange(open, e, e + 32));
    field("  encrypted s (32 + tag)", Arrays.copyOfRange(open, e + 32, e + 80));
    field("  encrypted empty payload (tag)", Arrays.copyOfRange(open, e + 80, open.length));
    line("");

    byte[] openResponse = partition.onFrame(Frame.decode(open));
    line("# Frame 2, partition -> client: OPEN_RESPONSE");
    field("OPEN_RESPONSE frame", openResponse);
    field("  frame header", Arrays.copyOfRange(openResponse, 0, 4));
    field("  e", Arrays.copyOfRange(openResponse, 4, 36));
    field("  encrypted channel parameters (16 + tag)",
        Arrays.copyOfRange(openResponse, 36, openResponse.length));
    field("  channel parameters (plaintext)", endpointParameters(policy));
    line("");

    byte[] h = handshakeHash(clientSide, partitionSide, clientKey, partitionKey, prologue, policy);
    line("# Handshake result");
    field("DH es", ce.agree(partitionKey.publicKey()));
    field("DH ss", clientKey.agree(partitionKey.publicKey()));
    field("DH ee", ce.agree(pe.publicKey()));
    field("DH se", pe.agree(clientKey.publicKey()));
    field("handshake hash h", h);
    line("channel id = " + HEX.formatHex(h, 0, 8));
    line("");

    byte[] activate = client.onFrame(Frame.decode(openResponse));
    line("# Frame 3, client -> partition: ACTIVATE (AEAD(k_c2p, n=0, ad=\"STC1 MacTag_U\", h))");
    field("ACTIVATE frame", activate);
    byte[] activateResponse = partition.onFrame(Frame.decode(activate));
    line("# Frame 4, partition -> client: ACTIVATE_RESPONSE "
        + "(AEAD(k_p2c, n=0, ad=\"STC1 MacTag_V\", h))");
    field("ACTIVATE_RESPONSE frame", activateResponse);
    client.onFrame(Frame.decode(activateResponse));
    line("");

    StcChannel c = client.channel();
    StcChannel p = partition.channel();
    check(c.info().channelId().equals(HEX.formatHex(h, 0, 8))
        && p.info().channelId().equals(c.info().channelId()), "channel ids differ");
    byte[] data1 = c.seal(utf8(CLIENT_MESSAGE));
    record("# Frame 5, client -> partition: DATA, sequence 1, payload \"" + CLIENT_MESSAGE + "\"",
        "DATA frame", data1);
    check(Arrays.equals(p.open(data1).payload(), utf8(CLIENT_MESSAGE)), "DATA 1 did not open");
    byte[] data2 = p.seal(utf8(PARTITION_MESSAGE));
    record("# Frame 6, partition -> client: DATA, sequence 1, payload \"" + PARTITION_MESSAGE
        + "\"", "DATA frame", data2);
    check(Arrays.equals(c.open(data2).payload(), utf8(PARTITION_MESSAGE)), "DATA 2 did not open");
    byte[] close = c.close();
    record("# Frame 7, client -> partition: CLOSE, sequence 2, empty payload", "CLOSE frame",
        close);
    check(p.open(close).isClose(), "CLOSE did not open");
    return out.toString();
  }

  private void record(String title, String name, byte[] frame) {
    line(title);
    field(name, frame);
    field("  frame header", Arrays.copyOfRange(frame, 0, 4));
    field("  record header (flags, sequence)", Arrays.copyOfRange(frame, 4, 13));
    field("  ciphertext", Arrays.copyOfRange(frame, 13, frame.length - 16));
    field("  tag", Arrays.copyOfRange(frame, frame.length - 16, frame.length));
    line("");
  }

  private static byte[] endpointParameters(ChannelPolicy policy) {
    return new org.openstc.stc.wire.internal.ChannelParameters(policy.integrityOnly(),
        policy.replayWindow(), policy.rekeyThresholdRecords(),
        org.openstc.stc.wire.Wire.MAX_PLAINTEXT).encode();
  }

  /** Replays the Noise IK handshake alone to expose the full handshake hash. */
  private static byte[] handshakeHash(CryptoProvider clientSide, CryptoProvider partitionSide,
      InMemoryStaticKey client, InMemoryStaticKey partition, byte[] prologue,
      ChannelPolicy policy) throws GeneralSecurityException {
    Suite suite = Suite.X25519_AESGCM_SHA256;
    HandshakeState i = HandshakeState.builder(suite.noiseSuite(clientSide), Patterns.IK, true)
        .prologue(prologue).localStatic(client).remoteStatic(partition.publicKey()).build();
    HandshakeState r = HandshakeState.builder(suite.noiseSuite(partitionSide), Patterns.IK, false)
        .prologue(prologue).localStatic(partition).build();
    r.readMessage(i.writeMessage(new byte[0]));
    i.readMessage(r.writeMessage(endpointParameters(policy)));
    CipherStatePair a = i.split();
    CipherStatePair b = r.split();
    check(Arrays.equals(a.handshakeHash(), b.handshakeHash()), "handshake hashes differ");
    a.destroy();
    b.destroy();
    return a.handshakeHash();
  }

  private void field(String name, byte[] value) {
    String hex = value.length == 0 ? "(empty)" : HEX.formatHex(value);
    if (name.length() + 3 + hex.length() <= 100) {
      line(name + " = " + hex);
      return;
    }
    line(name + " (" + value.length + " bytes) =");
    for (int i = 0; i < hex.length(); i += WRAP) {
      line("    " + hex.substring(i, Math.min(hex.length(), i + WRAP)));
    }
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("worked example inconsistent: " + what);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hex(String s) {
    return HEX.parseHex(s);
  }
}
