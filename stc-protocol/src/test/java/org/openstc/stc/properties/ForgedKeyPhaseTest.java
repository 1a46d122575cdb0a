package org.openstc.stc.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;

import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.vectors.Session;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.vectors.Setup;
import org.openstc.stc.wire.Wire;

/**
 * docs/protocol.md section 14: a refused record leaves the receiver's state unchanged. A forged
 * record with the other key phase makes the receiver derive the candidate next key; the genuine key
 * update that follows must still be accepted, and a second forgery must again be BAD_MAC.
 */
class ForgedKeyPhaseTest {

  @Test
  void aForgedNextPhaseRecordDoesNotBreakTheNextKeyUpdate() {
    qt().withExamples(24).forAll(arbitrary().pick(CryptoProviders.all()),
        RecordPropertiesTest.SUITES)
        .checkAssert(ForgedKeyPhaseTest::forgeryThenGenuineUpdate);
  }

  private static void forgeryThenGenuineUpdate(CryptoProvider provider, Suite suite) {
    try {
      Session s = Session.start(Setup.of(ChannelPolicy.defaults(), suite), provider).activate();
      byte[] forged = s.seal(Dir.C2P, new byte[] {1});
      forged[Wire.FRAME_HEADER] ^= Wire.FLAG_KEY_PHASE;
      for (int i = 0; i < 2; i++) {
        StcException e = assertThrows(StcException.class, () -> s.deliver(Dir.C2P, forged));
        assertEquals(StcError.CKR_STC_RESPONSE_BAD_MAC, e.error(), e.getMessage());
      }
      s.rekeyNow(Dir.C2P);
      byte[] genuine = {2, 3};
      assertArrayEquals(genuine, s.deliver(Dir.C2P, s.seal(Dir.C2P, genuine)).orElseThrow()
          .payload());
      assertEquals(1, s.receiver(Dir.C2P).keyUpdates()[1]);
    } catch (Exception e) {
      throw new AssertionError(provider.name() + " " + suite, e);
    }
  }
}
