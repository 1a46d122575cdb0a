package org.openstc.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.openstc.client.StcClientException.Kind;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;

/** Turns transport and channel failures into what happened and what to do, in one place. */
final class Diagnosis {
  private Diagnosis() {}

  static StcClientException of(IOException e, String where) {
    if (e instanceof ConnectException || e instanceof UnknownHostException) {
      return new StcClientException(Kind.SERVER_DOWN, "cannot reach " + where + ": "
          + e.getMessage(), "check that the partition host runs (stcsh service status) and the "
          + "address in clientconfig listservers", e);
    }
    if (e instanceof SocketTimeoutException) {
      return new StcClientException(Kind.TIMEOUT, "no answer from " + where + " in time",
          "check the network and the host's load, then retry", e);
    }
    return new StcClientException(Kind.CHANNEL, "connection to " + where + " failed: "
        + e.getMessage(), "retry; if it persists check the host's log", e);
  }

  /**
   * A failure on a channel that was active: the partition proved its identity when the channel
   * opened, so a record failing authentication now (ours or the partition's ALERT about ours) means
   * the bytes were altered on the way, not that the .pid is wrong.
   */
  static StcClientException onChannel(StcException e, long serial, String where) {
    if (e.error() != StcError.CKR_STC_RESPONSE_BAD_MAC) {
      return of(e, serial, where);
    }
    return new StcClientException(Kind.RECORD_AUTH_FAILED, "a record on the open channel to "
        + "partition " + serial + " on " + where + " failed authentication (" + e.error().name()
        + ": " + e.getMessage() + "); the channel is closed", "the partition proved its identity "
        + "when the channel opened, so its .pid is not in question: the data was altered or "
        + "corrupted between this client and the host (check proxies and the network path), then "
        + "retry", e);
  }

  /** A failure while the channel was being established (the handshake). */
  static StcClientException of(StcException e, long serial, String where) {
    switch (e.error()) {
      case CKR_STC_CONTAINER_INVALID:
        return new StcClientException(Kind.PARTITION_UNKNOWN, "partition " + serial
            + " is not on " + where, "check the server with clientconfig listservers, or ask the "
            + "HSM administrator where the partition lives", e);
      case CKR_STC_CLIENT_HANDLE_INVALID:
        return new StcClientException(Kind.NOT_REGISTERED, "partition " + serial
            + " does not accept this client's identity (not registered, or deregistered)",
            "send the client identity file and its hash to the Partition SO to register it "
            + "(stcconfig clientregister)", e);
      case CKR_STC_RESPONSE_BAD_MAC:
      case CKR_STC_KEY_CONFIRMATION_FAILED:
        return new StcClientException(Kind.PARTITION_AUTH_FAILED, "partition " + serial
            + " did not prove the identity registered in the token (" + e.error().name() + ")",
            "compare the partition identity hash (stc identityshow) with the one the Partition SO "
            + "gave you; re-register the correct .pid", e);
      case CKR_STC_ACTIVATION_TIMEOUT:
      case CKR_STC_IDLE_TIMEOUT:
        return new StcClientException(Kind.TIMEOUT, "the partition closed the channel: "
            + e.getMessage(), "retry; the channel is re-established automatically", e);
      case CKR_STC_TOO_MANY_CHANNELS:
        return new StcClientException(Kind.CHANNEL, e.getMessage(),
            "close other channels or ask the Partition SO to raise max sessions", e);
      default:
        return new StcClientException(Kind.CHANNEL, "channel to partition " + serial + " on "
            + where + " failed: " + e.getMessage(), "retry; if it persists check the host's log",
            e);
    }
  }
}
