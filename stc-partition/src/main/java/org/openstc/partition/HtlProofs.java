package org.openstc.partition;

import java.security.SecureRandom;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.HtlBodies;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Opcode;
import org.openstc.partition.store.AuditLog;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HtlClients.Outcome;
import org.openstc.partition.store.HtlState;
import org.openstc.partition.store.StoreException;
import org.openstc.stc.PeerRegistry.RegisteredPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTL for STC registrations (docs/protocol.md section 42): HTL_PROVE and HTL_CONFIRM carry the
 * Part 4 PROVE and CONFIRM bodies inside an active channel, and the exchange rules are those of
 * {@link org.openstc.partition.store.HtlClients} for the name {@link HtlState#stcName}. Until one
 * confirmation succeeds on the channel, a {@code -requirehtl} registration gets nothing but ECHO
 * and these two. Refusals go to the audit log, never with a token or secret.
 */
final class HtlProofs {
  private static final Logger LOG = LoggerFactory.getLogger(HtlProofs.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HostStore store;

  HtlProofs(HostStore store) {
    this.store = store;
  }

  /**
   * The HTL name a new channel of {@code client} must prove, or null when its registration does
   * not require HTL. A store that cannot be read requires it (fails closed).
   */
  String required(long serial, RegisteredPeer client) {
    String name = HtlState.stcName(serial, client.label());
    try {
      return store.htl().state(name).isPresent() ? name : null;
    } catch (StoreException e) {
      LOG.warn("HTL state of {} unreadable, the channel must prove: {}", name, e.getMessage());
      return name;
    }
  }

  /** Why a command is refused on a channel that has not proven yet. */
  static CkException pending(Session session) {
    return new CkException(CkResult.CKR_ACTION_PROHIBITED, "client " + session.client().label()
        + " is registered -requirehtl: the channel must prove its HTL one-time token or rolling"
        + " secret first (stccm htl install, docs/ntls.md \"HTL for STC registrations\")");
  }

  /** Runs HTL_PROVE or HTL_CONFIRM; the response body is the ACCEPT or CONFIRMED message. */
  byte[] run(Session session, Opcode opcode, byte[] body)
      throws CkException, MalformedCommandException, StoreException {
    String name = session.htlName();
    if (name == null) {
      throw new CkException(CkResult.CKR_FUNCTION_NOT_SUPPORTED, "HTL is not required for client "
          + session.client().label() + " on this partition, but the client presents an HTL proof:"
          + " register it -requirehtl on the host, or remove the client's htl/stc-"
          + Long.toUnsignedString(session.serial()) + ".* files");
    }
    long now = System.currentTimeMillis();
    Outcome o;
    if (opcode == Opcode.HTL_PROVE) {
      HtlBodies.Prove prove = HtlBodies.decodeProve(body);
      byte[] nonce = new byte[HtlBodies.LENGTH];
      RANDOM.nextBytes(nonce);
      o = store.htl().prove(name, prove, nonce, now);
      session.htlNonce(o.accepted() ? nonce : null);
    } else {
      HtlBodies.Confirm confirm = HtlBodies.decodeConfirm(body);
      byte[] nonce = session.htlNonce();
      if (nonce == null) {
        throw new CkException(CkResult.CKR_ACTION_PROHIBITED,
            "HTL_CONFIRM without an accepted HTL_PROVE on this channel");
      }
      session.htlNonce(null);
      o = store.htl().confirm(name, confirm, nonce, now);
      if (o.accepted()) {
        session.htlProven();
      }
    }
    if (!o.accepted()) {
      audit(name, opcode, o);
      throw new CkException(CkResult.CKR_ACTION_PROHIBITED, "HTL refused: " + o.refusal());
    }
    return o.reply();
  }

  private void audit(String name, Opcode opcode, Outcome o) {
    String result = "refused: " + o.refusal() + (o.cloneSuspected()
        ? " (registration flagged; htl generateott to re-provision)" : "");
    try {
      AuditLog.append(store.home(), "STC client " + name, opcode.name(), result);
    } catch (StoreException e) {
      LOG.error("HTL refusal of {} not audited: {}", name, e.getMessage());
    }
  }
}
