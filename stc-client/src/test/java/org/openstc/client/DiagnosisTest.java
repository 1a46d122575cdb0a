package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openstc.client.StcClientException.Kind;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;

/** Every failure becomes what happened and what to do, in the handshake and on an open channel. */
class DiagnosisTest {
  private static final String WHERE = "10.0.0.1:5656";

  private static StcException error(StcError e) {
    return new StcException(e, "detail");
  }

  @Test
  void transportFailures() {
    assertEquals(Kind.SERVER_DOWN, Diagnosis.of(new ConnectException("refused"), WHERE).kind());
    assertEquals(Kind.SERVER_DOWN, Diagnosis.of(new UnknownHostException("x"), WHERE).kind());
    assertEquals(Kind.TIMEOUT, Diagnosis.of(new SocketTimeoutException(), WHERE).kind());
    StcClientException other = Diagnosis.of(new EOFException("gone"), WHERE);
    assertEquals(Kind.CHANNEL, other.kind());
    assertTrue(other.getMessage().contains(WHERE) && other.getMessage().contains("gone"));
  }

  @Test
  void handshakeFailures() {
    Map<StcError, Kind> expected = new EnumMap<>(StcError.class);
    expected.put(StcError.CKR_STC_CONTAINER_INVALID, Kind.PARTITION_UNKNOWN);
    expected.put(StcError.CKR_STC_CLIENT_HANDLE_INVALID, Kind.NOT_REGISTERED);
    expected.put(StcError.CKR_STC_RESPONSE_BAD_MAC, Kind.PARTITION_AUTH_FAILED);
    expected.put(StcError.CKR_STC_KEY_CONFIRMATION_FAILED, Kind.PARTITION_AUTH_FAILED);
    expected.put(StcError.CKR_STC_ACTIVATION_TIMEOUT, Kind.TIMEOUT);
    expected.put(StcError.CKR_STC_IDLE_TIMEOUT, Kind.TIMEOUT);
    expected.put(StcError.CKR_STC_TOO_MANY_CHANNELS, Kind.CHANNEL);
    for (StcError e : StcError.values()) {
      StcClientException d = Diagnosis.of(error(e), 42, WHERE);
      assertEquals(expected.getOrDefault(e, Kind.CHANNEL), d.kind(), e.name());
      assertTrue(d.getCause() instanceof StcException, e.name());
    }
    StcClientException auth = Diagnosis.of(error(StcError.CKR_STC_RESPONSE_BAD_MAC), 42, WHERE);
    assertTrue(auth.getMessage().contains("partition 42 did not prove")
        && auth.advice().contains("re-register the correct .pid"), auth.getMessage());
  }

  @Test
  void aBadMacOnAnOpenChannelIsTamperingNotAWrongPid() {
    StcClientException d = Diagnosis.onChannel(error(StcError.CKR_STC_RESPONSE_BAD_MAC), 42, WHERE);
    assertEquals(Kind.RECORD_AUTH_FAILED, d.kind());
    assertTrue(d.getMessage().contains("open channel to partition 42 on " + WHERE), d.getMessage());
    assertFalse(d.getMessage().contains("re-register"), d.getMessage());
    assertFalse(d.isTransient(), "an altered record is reported, not silently retried");
    for (StcError e : StcError.values()) {
      if (e != StcError.CKR_STC_RESPONSE_BAD_MAC) {
        assertEquals(Diagnosis.of(error(e), 42, WHERE).kind(),
            Diagnosis.onChannel(error(e), 42, WHERE).kind(), e.name());
      }
    }
  }

  @Test
  void onlyLinkFailuresAreTransient() {
    for (Kind k : Kind.values()) {
      boolean expected = k == Kind.SERVER_DOWN || k == Kind.TIMEOUT || k == Kind.CHANNEL;
      assertEquals(expected, new StcClientException(k, "m", null).isTransient(), k.name());
    }
  }
}
