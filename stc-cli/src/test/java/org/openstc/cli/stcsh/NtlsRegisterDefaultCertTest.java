package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;

/**
 * Seed 004 step 5: the client's certificate was copied to the host as {@code ADDRESS.pem} (the
 * name {@code vtl createCert -n ADDRESS} gave it) and registered under another client name with
 * {@code -c NAME -ip ADDRESS} and no {@code -cert}.
 */
class NtlsRegisterDefaultCertTest {
  @TempDir Path home;

  @Test
  void withoutCertTheAddressNamedFileIsUsedAndAMissingOneNamesBoth() throws Exception {
    StcShHarness h = StcShHarness.initialized(home);
    Files.writeString(home.resolve("10.121.229.224.pem"), TlsCertificates.pem(TlsCertificates
        .selfSigned("10.121.229.224", KeyAlgorithm.ECDSA_P256).certificate().getEncoded()));
    assertEquals(0, h.run("client", "register", "-c", "NS-IBMADC690867-s6dr", "-ip",
        "10.121.229.224"), h::both);
    assertTrue(h.out.contains("'client register' successful."), h::both);
    assertEquals(0, h.run("client", "list"), h::both);
    assertTrue(h.out.contains("registered client 1: NS-IBMADC690867-s6dr"), h::both);

    assertEquals(ExitCode.INVALID_FILE.code(), h.run("client", "register", "-c", "other", "-ip",
        "10.9.9.9"), h::both);
    assertTrue(h.err.contains("other.pem") && h.err.contains("ADDRESS.pem"), h::both);
  }
}
