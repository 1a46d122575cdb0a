package org.openstc.client;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;
import org.openstc.command.HtlBodies;
import org.openstc.command.HtlToken;
import org.openstc.command.MalformedCommandException;
import org.openstc.crypto.SecretBytes;

/**
 * The client's half of one PROVE/ACCEPT/CONFIRM exchange (docs/protocol.md section 40) with the
 * one-time token or the stored rolling secret, over either carrier: the HTL service's TLS link
 * ({@link HtlAgent}) or an STC channel ({@link StcHtl}). The next secret is stored before CONFIRM
 * is sent, so a lost answer never leaves the client behind the host.
 */
final class HtlExchange {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Refused by the host: the message is the host's reason. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /** Sends one HTL message and returns the host's answer; a refusal is thrown as Refused. */
  interface RoundTrip {
    byte[] call(byte[] message) throws IOException, Refused, MalformedCommandException,
        StcClientException;
  }

  private HtlExchange() {}

  static void run(RoundTrip link, HtlSecretFile secretFile, Optional<HtlToken> ott)
      throws IOException, Refused, StcClientException {
    HtlSecretFile.State state = ott.isPresent() ? null : secretFile.load()
        .orElseThrow(() -> new IOException("no HTL secret"));
    byte[] k = ott.isPresent() ? ott.get().token() : state.secret();
    String client = ott.isPresent() ? ott.get().client() : state.client();
    int kind = ott.isPresent() ? HtlBodies.KIND_OTT : HtlBodies.KIND_SECRET;
    long counter = ott.isPresent() ? 0 : state.counter();
    byte[] nonce = new byte[HtlBodies.LENGTH];
    RANDOM.nextBytes(nonce);
    byte[] next = null;
    try {
      HtlBodies.Accept a = HtlBodies.decodeAccept(link.call(HtlBodies.prove(new HtlBodies.Prove(
          kind, counter, nonce, HtlBodies.proveTag(k, client, kind, counter, nonce)))));
      if (a.next() != counter + 1
          || !HtlBodies.same(a.tag(), HtlBodies.acceptTag(k, nonce, a.nonce(), a.next()))) {
        throw new IOException("the host's ACCEPT does not verify");
      }
      next = HtlBodies.nextSecret(k, nonce, a.nonce(), a.next());
      secretFile.save(a.next(), client, next);
      byte[] answer = link.call(HtlBodies.confirm(new HtlBodies.Confirm(a.next(),
          HtlBodies.confirmTag(next, a.nonce()))));
      if (HtlBodies.type(answer) != HtlBodies.CONFIRMED) {
        throw new IOException("unexpected answer to CONFIRM");
      }
    } catch (MalformedCommandException e) {
      throw new IOException("malformed HTL answer: " + e.getMessage());
    } finally {
      SecretBytes.wipe(next);
      if (state != null) {
        SecretBytes.wipe(state.secret());
      }
    }
  }
}
