package org.openstc.cli.stcsh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.openstc.crypto.SecretBytes;
import org.openstc.partition.store.SshHostKey;

/**
 * The SSH key formats stcsh shows and reads: the host's Ed25519 key as an OpenSSH public key line
 * and as OpenSSH prints its fingerprint ({@code SHA256:} and the unpadded base64 of the SHA-256 of
 * the key blob, as {@code ssh-keygen -lf} does), and the public key lines of
 * {@code user publickey add} (authorized_keys format, without login options).
 */
final class SshKeys {
  static final String ED25519 = "ssh-ed25519";
  private static final int SEED = 32;

  private SshKeys() {}

  /** The SSH wire blob of a raw Ed25519 public key: string "ssh-ed25519", string key. */
  static byte[] blob(byte[] raw) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeString(out, ED25519.getBytes(StandardCharsets.US_ASCII));
    writeString(out, raw);
    return out.toByteArray();
  }

  /** {@code ssh-ed25519 AAAA... comment}: the host key as a known_hosts or .pub line. */
  static String publicLine(byte[] raw, String comment) {
    return ED25519 + " " + Base64.getEncoder().encodeToString(blob(raw))
        + (comment == null || comment.isBlank() ? "" : " " + comment);
  }

  /** OpenSSH's SHA-256 fingerprint of the raw Ed25519 key: {@code SHA256:base64} without padding. */
  static String fingerprint(byte[] raw) {
    return fingerprintOfBlob(blob(raw));
  }

  /** The fingerprint of any public key MINA decoded (a client's key in the audit log). */
  static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(key);
  }

  private static String fingerprintOfBlob(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /** The host key as MINA's server uses it; the caller wipes {@code pair}. */
  static KeyPair hostKeyPair(SshHostKey.Pair pair) throws GeneralSecurityException {
    byte[] pkcs8 = pair.pkcs8();
    if (pkcs8.length < SEED) {
      throw new GeneralSecurityException("the stored SSH host key is not an Ed25519 key");
    }
    byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - SEED, pkcs8.length);
    try {
      PrivateKey priv = SecurityUtils.generateEDDSAPrivateKey(ED25519, seed);
      PublicKey pub = SecurityUtils.generateEDDSAPublicKey(ED25519, pair.publicKey());
      return new KeyPair(pub, priv);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    } finally {
      SecretBytes.wipe(seed);
    }
  }

  /**
   * The public key of one authorized_keys style line ({@code type base64 [comment]}); an
   * IllegalArgumentException saying why for anything else (a private key, login options, junk).
   */
  static PublicKey parse(String line) {
    String l = line.strip();
    if (l.isEmpty() || l.startsWith("-----") || l.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException("not an OpenSSH public key line (ssh-ed25519 AAAA...);"
          + " give the .pub file, never the private key");
    }
    AuthorizedKeyEntry entry;
    try {
      entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(l);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not an OpenSSH public key line: " + e.getMessage());
    }
    if (entry == null) {
      throw new IllegalArgumentException("not an OpenSSH public key line");
    }
    if (entry.getLoginOptions() != null && !entry.getLoginOptions().isEmpty()) {
      throw new IllegalArgumentException("login options (" + entry.getLoginOptions().keySet()
          + ") are not supported; give the plain public key line");
    }
    try {
      PublicKey key = entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
      if (key == null) {
        throw new IllegalArgumentException("unsupported key type " + entry.getKeyType());
      }
      return key;
    } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read the public key (" + entry.getKeyType()
          + "): " + e.getMessage());
    }
  }

  private static void writeString(ByteArrayOutputStream out, byte[] s) {
    out.write(s.length >>> 24);
    out.write(s.length >>> 16);
    out.write(s.length >>> 8);
    out.write(s.length);
    out.writeBytes(s);
  }
}
