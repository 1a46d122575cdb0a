package org.openstc.partition.ntls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;

/** Who the host accepts, and the store's rules for NTLS registrations and settings. */
class ClientAcceptanceTest {
  @TempDir Path dir;

  @Test
  void expiredOrNotYetValidCertificatesAreRefusedEvenWhenRegistered() throws Exception {
    try (HostStore store = NtlsServerTest.host(dir)) {
      Instant now = Instant.now();
      TlsCertificates.Issued old = TlsCertificates.selfSigned("old", KeyAlgorithm.ECDSA_P256,
          now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(10)));
      TlsCertificates.Issued early = TlsCertificates.selfSigned("early", KeyAlgorithm.ECDSA_P256,
          now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
      store.ntls().register("old", "", "127.0.0.1", old.certificate().getEncoded());
      store.ntls().register("early", "", "127.0.0.1", early.certificate().getEncoded());
      ClientAcceptance acceptance = new ClientAcceptance(store, true);
      for (TlsCertificates.Issued i : new TlsCertificates.Issued[] {old, early}) {
        CertificateException e = assertThrows(CertificateException.class,
            () -> acceptance.accept(new X509Certificate[] {i.certificate()}, "127.0.0.1"));
        assertTrue(e.getMessage().contains("is not valid now"), e.getMessage());
      }
    }
  }

  @Test
  void ipcheckOffAcceptsAnyAddressButNeverAnUnknownCertificate() throws Exception {
    try (HostStore store = NtlsServerTest.host(dir)) {
      TlsCertificates.Issued c = TlsCertificates.selfSigned("c", KeyAlgorithm.ECDSA_P256);
      store.ntls().register("c", "no-such-host.invalid", "", c.certificate().getEncoded());
      X509Certificate[] chain = {c.certificate()};
      assertThrows(CertificateException.class,
          () -> new ClientAcceptance(store, true).accept(chain, "127.0.0.1"));
      assertEquals("c", new ClientAcceptance(store, false).accept(chain, "192.0.2.7").name());
      X509Certificate[] other = {TlsCertificates.selfSigned("c", KeyAlgorithm.ECDSA_P256).certificate()};
      assertThrows(CertificateException.class,
          () -> new ClientAcceptance(store, false).accept(other, "127.0.0.1"));
      assertThrows(CertificateException.class,
          () -> new ClientAcceptance(store, false).accept(new X509Certificate[0], "127.0.0.1"));
    }
  }

  @Test
  void storeRefusesDuplicatesBadNamesAndOutOfRangeSettings() throws Exception {
    try (HostStore store = NtlsServerTest.host(dir)) {
      store.partitions().create("par1", 100_000, org.openstc.stc.KeyType.X25519);
      byte[] cert = TlsCertificates.selfSigned("c", KeyAlgorithm.ECDSA_P256).certificate().getEncoded();
      store.ntls().register("c", "", "127.0.0.1", cert);
      assertEquals(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, assertThrows(StoreException.class,
          () -> store.ntls().register("c", "", "127.0.0.2", TlsCertificates.selfSigned("d",
              KeyAlgorithm.ECDSA_P256).certificate().getEncoded())).result());
      assertEquals(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, assertThrows(StoreException.class,
          () -> store.ntls().register("d", "", "127.0.0.1", cert)).result());
      assertThrows(StoreException.class, () -> store.ntls().register("-bad", "", "1.2.3.4", cert));
      store.ntls().assign("c", "par1");
      assertThrows(StoreException.class, () -> store.ntls().assign("c", "par1"));
      assertTrue(assertThrows(StoreException.class, () -> store.ntls().assign("c", "nope"))
          .isNotFound());
      assertTrue(assertThrows(StoreException.class, () -> store.ntls().get("ghost")).isNotFound());
      StoreException range = assertThrows(StoreException.class,
          () -> store.ntls().updateSettings(s -> s.withKeepalive(10, 361, 2)));
      assertTrue(range.getMessage().contains("10..360"), range.getMessage());
      assertEquals(10, store.ntls().settings().intervalSeconds());
      assertEquals(false, store.ntls().updateSettings(s -> s.withIpcheck(false)).ipcheck());
    }
  }
}
