package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.openstc.partition.store.SshHostKey;

/** SSH key formats: OpenSSH's fingerprint and public line, the host key for MINA, key lines. */
class SshKeysTest {
  /** A key and the fingerprint {@code ssh-keygen -lf} (OpenSSH 9.2) prints for it. */
  static final String LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEbtBhzyBUkidRxO25/3mnDkqhhCadxGDhAw+PV07kQq";
  static final String OPENSSH_FINGERPRINT = "SHA256:ACWAaqYEg8SlB9GZ6IAdaED4VjC+B99OPiRVdEn3fRw";

  @Test
  void theFingerprintAndLineAreOpenSshs() {
    byte[] blob = Base64.getDecoder().decode(LINE.split(" ")[1]);
    byte[] raw = Arrays.copyOfRange(blob, blob.length - 32, blob.length);
    assertEquals(OPENSSH_FINGERPRINT, SshKeys.fingerprint(raw));
    assertEquals(LINE, SshKeys.publicLine(raw, null));
    assertEquals(LINE + " host", SshKeys.publicLine(raw, "host"));
    assertEquals(OPENSSH_FINGERPRINT, SshKeys.fingerprint(SshKeys.parse(LINE + " a comment")));
  }

  @Test
  void theStoredHostKeyBecomesAKeyPairWithTheSameFingerprint() throws Exception {
    KeyPair jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] spki = jdk.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    KeyPair mina = SshKeys.hostKeyPair(new SshHostKey.Pair(raw, jdk.getPrivate().getEncoded()));
    assertEquals(SshKeys.fingerprint(raw), KeyUtils.getFingerPrint(mina.getPublic()));
    assertEquals(KeyUtils.getFingerPrint(mina.getPublic()),
        KeyUtils.getFingerPrint(org.apache.sshd.common.util.security.SecurityUtils
            .recoverEDDSAPublicKey(mina.getPrivate())), "the private key is the public key's");
  }

  @Test
  void anythingButAPlainPublicKeyLineIsRefusedWithAReason() {
    for (String bad : List.of("", "   ", "-----BEGIN OPENSSH PRIVATE KEY-----",
        "ssh-ed25519", "ssh-ed25519 not-base64!", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIEbtBhzy",
        "command=\"rm -rf /\" " + LINE, "from=\"10.0.0.1\" " + LINE, "hello world",
        "ssh-ed25519 " + Base64.getEncoder().encodeToString(new byte[10]))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SshKeys.parse(bad), bad);
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), bad);
    }
  }
}
