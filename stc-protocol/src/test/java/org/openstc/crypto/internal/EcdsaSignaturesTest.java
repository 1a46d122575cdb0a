package org.openstc.crypto.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EcdsaSignaturesTest {
  @Test
  void jdkSignaturesSurviveTheRoundTripAndVerify() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    for (int i = 0; i < 200; i++) { // short r or s (leading zero bytes) shows up about 1 in 128
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(kp.getPrivate());
      s.update(new byte[] {(byte) i});
      byte[] der = s.sign();
      byte[] raw = EcdsaSignatures.derToRaw(der, 32);
      assertArrayEquals(der, EcdsaSignatures.rawToDer(raw));
      Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
      v.initVerify(kp.getPublic());
      v.update(new byte[] {(byte) i});
      assertTrue(v.verify(raw));
    }
  }

  @Test
  void smallValuesArePaddedAndEncodedMinimally() throws Exception {
    byte[] raw = new byte[64];
    raw[31] = 1;
    raw[32] = (byte) 0x80;
    byte[] der = EcdsaSignatures.rawToDer(raw);
    assertArrayEquals(HexFormat.of().parseHex("3026020101022100" + "80" + "00".repeat(31)), der);
    assertArrayEquals(raw, EcdsaSignatures.derToRaw(der, 32));
  }

  @Test
  void malformedDerIsRefused() {
    byte[] good = HexFormat.of().parseHex("3006020101020102");
    for (String hex : new String[] {"", "30", "3106020101020102", "300602010102010200", "3007020101020102",
        "3006020001020102", "30060201ff020102", "3008020101020102020101", "3080020101020102",
        "30240221" + "01".repeat(33) + "020101"}) {
      assertThrows(SignatureException.class, () -> EcdsaSignatures.derToRaw(HexFormat.of().parseHex(hex), 32), hex);
    }
    assertThrows(SignatureException.class, () -> EcdsaSignatures.rawToDer(new byte[0]));
    assertThrows(SignatureException.class, () -> EcdsaSignatures.rawToDer(new byte[63]));
    assertTrue(Arrays.equals(new byte[] {0, 1, 0, 2}, uncheck(good, 2)));
  }

  private static byte[] uncheck(byte[] der, int half) {
    try {
      return EcdsaSignatures.derToRaw(der, half);
    } catch (SignatureException e) {
      throw new AssertionError(e);
    }
  }
}
