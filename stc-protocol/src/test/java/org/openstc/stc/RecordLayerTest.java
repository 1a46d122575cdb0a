package org.openstc.stc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.openstc.stc.HandshakeTest.assertError;

import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.wire.Frame;

/** Replay window, key phases and sequence limits of an active channel. */
class RecordLayerTest {

  private static StcChannel[] channel(ChannelPolicy policy) throws Exception {
    return new Fixture(CryptoProviders.jca(), KeyType.X25519, policy).connect();
  }

  @Test
  void replayedRecordIsRejected() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    byte[] rec = ch[0].seal(new byte[] {1});
    ch[1].open(rec);
    assertError(StcError.CKR_STC_RESPONSE_REPLAYED, () -> ch[1].open(rec));
  }

  @Test
  void outOfOrderInsideTheWindowIsAcceptedOnceAndBelowItIsRejected() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    byte[][] recs = new byte[200][];
    for (int i = 0; i < recs.length; i++) {
      recs[i] = ch[0].seal(new byte[] {(byte) i});
    }
    ch[1].open(recs[150]);
    ch[1].open(recs[149]);
    ch[1].open(recs[31]);
    assertError(StcError.CKR_STC_RESPONSE_REPLAYED, () -> ch[1].open(recs[30]));
    assertError(StcError.CKR_STC_RESPONSE_REPLAYED, () -> ch[1].open(recs[149]));
    assertEquals(3, ch[1].recordsReceived());
  }

  @Test
  void tamperedRecordIsBadMacAndChangesNothing() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    byte[] rec = ch[0].seal(new byte[] {1, 2, 3});
    byte[] bad = rec.clone();
    bad[bad.length - 1] ^= 0x40;
    assertError(StcError.CKR_STC_RESPONSE_BAD_MAC, () -> ch[1].open(bad));
    assertArrayEquals(new byte[] {1, 2, 3}, ch[1].open(rec).payload());
  }

  @Test
  void rekeyThresholdUpdatesKeysAndTrafficContinues() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.builder().rekeyThresholdRecords(3).build());
    for (int i = 0; i < 20; i++) {
      byte[] m = {(byte) i};
      assertArrayEquals(m, ch[1].open(ch[0].seal(m)).payload());
      assertArrayEquals(m, ch[0].open(ch[1].seal(m)).payload());
    }
    assertEquals(6, ch[0].keyUpdates()[0]);
    assertEquals(6, ch[1].keyUpdates()[1]);
  }

  @Test
  void forcedRekeyIsFollowedByThePeer() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    ch[0].rekeyNow();
    ch[1].open(ch[0].seal(new byte[1]));
    ch[0].open(ch[1].seal(new byte[1]));
    assertEquals(1, ch[0].keyUpdates()[0]);
    assertEquals(1, ch[0].keyUpdates()[1]);
  }

  @Test
  void wrongKeyPhaseIsBadMac() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    byte[] rec = ch[0].seal(new byte[1]);
    rec[4] ^= 0x01;
    assertError(StcError.CKR_STC_RESPONSE_BAD_MAC, () -> ch[1].open(rec));
  }

  @Test
  void integrityOnlyCarriesPayloadInClearButAuthenticated() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.builder().integrityOnly(true).build());
    byte[] msg = "visible".getBytes();
    byte[] rec = ch[0].seal(msg);
    assertArrayEquals(msg, java.util.Arrays.copyOfRange(rec, 13, 13 + msg.length));
    assertArrayEquals(msg, ch[1].open(rec).payload());
    byte[] bad = ch[0].seal(msg);
    bad[13] ^= 1;
    assertError(StcError.CKR_STC_RESPONSE_BAD_MAC, () -> ch[1].open(bad));
  }

  @Test
  void sequenceNumbersNeverWrap() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    ch[0].seal(new byte[1]);
    ch[0].skipSendSequencesForTest(Long.MAX_VALUE - 2);
    byte[] last = ch[0].seal(new byte[1]);
    assertEquals(Long.MAX_VALUE, ch[1].open(last).sequence());
    assertError(StcError.CKR_STC_SEQUENCE_NUM_INVALID, () -> ch[0].seal(new byte[1]));
  }

  @Test
  void theSequenceTestSeamCannotRewindANonce() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    ch[0].seal(new byte[1]);
    assertThrows(IllegalArgumentException.class, () -> ch[0].skipSendSequencesForTest(-1));
    assertEquals(2, ch[1].open(ch[0].seal(new byte[1])).sequence());
  }

  @Test
  void openIntoWritesThePayloadIntoTheCallersBuffer() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    byte[] out = new byte[64];
    int n = ch[1].openInto(Frame.decode(ch[0].seal(new byte[] {5, 6, 7})), out, 10);
    assertEquals(3, n);
    assertArrayEquals(new byte[] {5, 6, 7}, java.util.Arrays.copyOfRange(out, 10, 13));
    byte[] replay = ch[0].seal(new byte[] {8});
    ch[1].openInto(Frame.decode(replay), out, 0);
    assertError(StcError.CKR_STC_RESPONSE_REPLAYED, () -> ch[1].openInto(Frame.decode(replay), out, 0));
    assertEquals(-1, ch[1].openInto(Frame.decode(ch[0].close()), out, 0));
  }

  @Test
  void closeEndsTheChannel() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    byte[] close = ch[0].close();
    assertEquals(true, ch[1].open(close).isClose());
    assertError(StcError.CKR_STC_NO_CHANNEL, () -> ch[0].seal(new byte[1]));
  }

  @Test
  void alertCarriesThePeersCode() throws Exception {
    StcChannel[] ch = channel(ChannelPolicy.defaults());
    byte[] alert = ch[1].alert(StcError.CKR_STC_IDLE_TIMEOUT, "idle");
    assertError(StcError.CKR_STC_IDLE_TIMEOUT, () -> ch[0].open(alert));
  }
}
