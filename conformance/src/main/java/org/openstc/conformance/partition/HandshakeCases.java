package org.openstc.conformance.partition;

import static org.openstc.conformance.ConformanceCase.hostile;
import static org.openstc.conformance.ConformanceCase.positive;

import java.util.ArrayList;
import java.util.List;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.Unsupported;
import org.openstc.conformance.partition.PartitionTarget.Partition;
import org.openstc.conformance.partition.PartitionTarget.Profile;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;
import org.openstc.stc.Suite;

/** Suites, RETRY negotiation and identities: the OPEN exchange with well-formed frames. */
final class HandshakeCases {
  private HandshakeCases() {}

  static List<ConformanceCase<PartitionTarget>> cases() {
    List<ConformanceCase<PartitionTarget>> out = new ArrayList<>();
    for (Suite s : Suite.values()) {
      out.add(positive(String.format("SUITE-%03d", s.ordinal() + 1), Clauses.SUITES,
          "handshake and echo offering only " + s.noiseName(), t -> onlySuite(t, s)));
    }
    out.add(positive("SUITE-013", Clauses.SUITES,
        "default offer: the partition selects the first offered suite",
        HandshakeCases::firstOffered));
    out.add(positive("RETRY-001", Clauses.RETRY,
        "partition disallowing AES-GCM answers RETRY; the second OPEN completes with ChaChaPoly",
        t -> t.withProfile(Profile.RETRY, p -> retryCompletes(t, p))));
    out.add(hostile("RETRY-002", Clauses.RETRY,
        "after RETRY, a second OPEN selecting a suite other than the one asked for",
        Outcome.error(StcError.CKR_STC_OPEN_CIPHER_MISMATCH),
        t -> t.withProfile(Profile.RETRY, p -> retryThenOpen(t, p, true))));
    out.add(hostile("RETRY-003", Clauses.RETRY,
        "after RETRY, a second OPEN whose offer list changed",
        Outcome.error(StcError.CKR_STC_OPEN_CIPHER_MISMATCH),
        t -> t.withProfile(Profile.RETRY, p -> retryThenOpen(t, p, false))));
    out.add(hostile("RETRY-004", Clauses.SELECTION,
        "offer contains only suites the partition disallows",
        Outcome.error(StcError.CKR_STC_CIPHER_SUITE_REJECTED),
        t -> t.withProfile(Profile.RETRY, p -> nothingAllowed(t, p))));
    out.add(hostile("IDENT-001", Clauses.OPEN, "client static key that is not registered",
        Outcome.error(StcError.CKR_STC_CLIENT_HANDLE_INVALID), HandshakeCases::unknownClient));
    out.add(hostile("IDENT-002", Clauses.OPEN, "client key that was deregistered",
        Outcome.error(StcError.CKR_STC_CLIENT_HANDLE_INVALID), HandshakeCases::deregistered));
    out.add(hostile("IDENT-003", Clauses.OPEN,
        "client encrypts to a wrong partition static key (es/ss do not match)",
        Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC), HandshakeCases::wrongPartitionKey));
    out.add(hostile("IDENT-004", Clauses.OPEN, "OPEN names a serial the host does not serve",
        Outcome.error(StcError.CKR_STC_CONTAINER_INVALID), HandshakeCases::unknownSerial));
    out.add(hostile("IDENT-005", Clauses.SELECTION,
        "OPEN offers only suites of another key type than the partition identity",
        Outcome.error(StcError.CKR_STC_CIPHER_SUITE_REJECTED), HandshakeCases::otherKeyType));
    return out;
  }

  private static Outcome onlySuite(PartitionTarget t, Suite s) throws Exception {
    Partition p = t.partition(s.keyType());
    t.client(s.keyType());
    Outcome o = Scripts.handshakeAndEcho(t, t.handshake(p, List.of(s)));
    if (o.kind() == Outcome.Kind.ERROR && o.error() == StcError.CKR_STC_CIPHER_SUITE_REJECTED) {
      throw new Unsupported("partition policy does not allow " + s.noiseName());
    }
    return o;
  }

  private static Outcome firstOffered(PartitionTarget t) throws Exception {
    Partition p = t.main();
    try (ActiveChannel ch = t.activate(p)) {
      Suite first = Suite.defaultOffer(p.keyType()).get(0);
      Suite got = ch.channel().info().suite();
      return got == first ? Outcome.success() : Outcome.unexpected("selected " + got + ", not "
          + first + " (the first offered and allowed)");
    }
  }

  private static Outcome retryCompletes(PartitionTarget t, Partition p) throws Exception {
    List<Suite> offer = Suite.defaultOffer(p.keyType());
    try (ActiveChannel ch = t.activate(t.handshake(p, offer))) {
      Suite got = ch.channel().info().suite();
      if (got == offer.get(0)) {
        return Outcome.unexpected("no RETRY: the partition accepted " + got);
      }
      String problem = ch.echoMany(2);
      return problem == null ? Outcome.success("RETRY to " + got) : Outcome.unexpected(problem);
    }
  }

  /** RETRY, then a second OPEN that breaks the rule (other selected suite, or other offer). */
  private static Outcome retryThenOpen(PartitionTarget t, Partition p, boolean otherSelected)
      throws Exception {
    List<Suite> offer = Suite.defaultOffer(p.keyType());
    try (RawConnection c = t.connect()) {
      c.send(t.handshake(p, offer).start());
      var f = c.read();
      if (f == null || f.type() != org.openstc.stc.wire.FrameType.RETRY) {
        return Outcome.unexpected("expected RETRY, got "
            + (f == null ? "end of stream" : f.type()));
      }
      int code = (f.body()[0] & 0xff) << 8 | f.body()[1] & 0xff;
      Suite asked = Suite.fromCode(code).orElseThrow();
      List<Suite> second = new ArrayList<>(offer);
      Suite selected = asked;
      if (otherSelected) {
        selected = offer.stream().filter(s -> s != asked && s != offer.get(0)).findFirst()
            .orElseThrow();
      } else {
        Suite last = offer.get(offer.size() - 1);
        second.remove(last == asked ? offer.get(1) : last);
      }
      // A fresh handshake whose first (selected) suite is 'selected' within the 'second' offer.
      List<Suite> reordered = new ArrayList<>(second);
      reordered.remove(selected);
      reordered.add(0, selected);
      byte[] open = t.handshake(p, reordered).start();
      rewriteOffer(open, second);
      c.send(open);
      return c.awaitRefusal(null);
    }
  }

  /** Rewrites the offered list of an OPEN frame in place (same length) to {@code offer}. */
  static void rewriteOffer(byte[] open, List<Suite> offer) {
    int at = Scripts.offeredOffset();
    for (Suite s : offer) {
      open[at++] = (byte) (s.code() >>> 8);
      open[at++] = (byte) s.code();
    }
  }

  private static Outcome nothingAllowed(PartitionTarget t, Partition p) throws Exception {
    List<Suite> aesOnly = new ArrayList<>();
    for (Suite s : Suite.defaultOffer(p.keyType())) {
      if (s.cipher() == org.openstc.stc.ChannelPolicy.Cipher.AESGCM) {
        aesOnly.add(s);
      }
    }
    return Scripts.refusal(t, t.handshake(p, aesOnly).start());
  }

  private static Outcome unknownClient(PartitionTarget t) throws Exception {
    Partition p = t.main();
    InMemoryStaticKey stranger = InMemoryStaticKey.generate(p.keyType(), t.provider());
    return Scripts.refusal(t, new ClientHandshake(t.provider(), stranger, p.serial(),
        p.identity()).start());
  }

  private static Outcome deregistered(PartitionTarget t) throws Exception {
    Partition p = t.main();
    InMemoryStaticKey gone = t.deregisteredClient(p.keyType()).orElseThrow(() -> new Unsupported(
        "no deregistered " + p.keyType().label() + " client key given (-deregistered-client)"));
    return Scripts.refusal(t, new ClientHandshake(t.provider(), gone, p.serial(),
        p.identity()).start());
  }

  private static Outcome wrongPartitionKey(PartitionTarget t) throws Exception {
    Partition p = t.main();
    InMemoryStaticKey impostor = InMemoryStaticKey.generate(p.keyType(), t.provider());
    return Scripts.refusal(t, new ClientHandshake(t.provider(), t.client(p.keyType()), p.serial(),
        impostor.identity()).start());
  }

  private static Outcome unknownSerial(PartitionTarget t) throws Exception {
    Partition p = t.main();
    long serial = p.serial() == 999_999_999_999L ? 999_999_999_998L : 999_999_999_999L;
    return Scripts.refusal(t, new ClientHandshake(t.provider(), t.client(p.keyType()), serial,
        p.identity()).start());
  }

  private static Outcome otherKeyType(PartitionTarget t) throws Exception {
    Partition p = t.main();
    KeyType other = p.keyType() == KeyType.X25519 ? KeyType.P256 : KeyType.X25519;
    InMemoryStaticKey client = InMemoryStaticKey.generate(other, CryptoProviders.jca());
    InMemoryStaticKey fakePartition = InMemoryStaticKey.generate(other, CryptoProviders.jca());
    return Scripts.refusal(t, new ClientHandshake(t.provider(), client, p.serial(),
        fakePartition.identity()).start());
  }
}
