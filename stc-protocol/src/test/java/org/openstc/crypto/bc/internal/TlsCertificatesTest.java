package org.openstc.crypto.bc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;

/** Self-signed NTLS certificates and the encrypted PKCS#8 key files. */
class TlsCertificatesTest {
  @Test
  void certificateIsSelfSignedWithTheNameAndTenYearsValidity() throws Exception {
    TlsCertificates.Issued i = TlsCertificates.selfSigned("hsm1", KeyAlgorithm.ECDSA_P256);
    assertEquals("CN=hsm1,O=openstc", i.certificate().getSubjectX500Principal().getName());
    assertEquals(i.certificate().getSubjectX500Principal(), i.certificate().getIssuerX500Principal());
    i.certificate().verify(i.certificate().getPublicKey());
    long days = (i.certificate().getNotAfter().getTime() - i.certificate().getNotBefore().getTime())
        / 86_400_000L;
    assertEquals(TlsCertificates.VALIDITY.toDays(), days);
    byte[] pem = TlsCertificates.pem(i.certificate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(i.certificate().getEncoded(), TlsCertificates.certificate(pem).getEncoded());
  }

  @Test
  void keyRoundTripsOnlyWithItsPassphrase() throws Exception {
    TlsCertificates.Issued i = TlsCertificates.selfSigned("c", KeyAlgorithm.RSA_2048);
    byte[] pem = TlsCertificates.encryptedKeyPem(i.key(), "pass-1".toCharArray());
    assertTrue(new String(pem, StandardCharsets.US_ASCII).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    PrivateKey back = TlsCertificates.decryptKeyPem(pem, "pass-1".toCharArray());
    assertArrayEquals(i.key().getEncoded(), back.getEncoded());
    GeneralSecurityException wrong = assertThrows(GeneralSecurityException.class,
        () -> TlsCertificates.decryptKeyPem(pem, "pass-2".toCharArray()));
    assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
    byte[] cut = java.util.Arrays.copyOf(pem, pem.length / 2);
    assertThrows(GeneralSecurityException.class, () -> TlsCertificates.decryptKeyPem(cut, "pass-1".toCharArray()));
    assertThrows(GeneralSecurityException.class, () -> TlsCertificates.decryptKeyPem(
        TlsCertificates.pem(i.certificate().getEncoded()).getBytes(StandardCharsets.US_ASCII),
        "pass-1".toCharArray()));
  }

  @Test
  void unknownKeyTypeIsRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KeyAlgorithm.of("dsa-1024"));
    assertTrue(e.getMessage().contains("ecdsa-p256 or rsa-2048"));
    assertEquals(KeyAlgorithm.RSA_2048, KeyAlgorithm.of("RSA-2048"));
  }
}
