package org.openstc.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openstc.command.HtlBodies;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;

/**
 * The client's rolling HTL secret for one server or partition, {@code htl/NAME.secret}: {@code
 * u64 counter || u16-string client (the name the host registered, from the token) || 32 secret},
 * AES-256-GCM under a key of the client's (NTLS: derived from the key passphrase {@code
 * cert/client/keypass}; STC: from the client identity, {@link StcHtl}), {@code NAME} as
 * associated data; owner-only, replaced atomically (docs/protocol.md sections 40 and 42).
 */
final class HtlSecretFile {
  static final String PURPOSE = "openstc HTL secret file";
  private static final int IV = 12;

  /** The counter, the registered client name and the secret; the caller wipes {@code secret}. */
  record State(long counter, String client, byte[] secret) {}

  /** The file's AES-256 key, a fresh copy the file wipes after use. */
  interface Key {
    byte[] get() throws IOException;
  }

  private final Key key;
  private final String server;
  private final Path file;

  HtlSecretFile(Path htlDir, String server, Key key) {
    this.key = key;
    this.server = server;
    this.file = htlDir.resolve(server + ".secret");
  }

  Optional<State> load() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] all = SmallFiles.read(file);
    byte[] plain = null;
    try {
      plain = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(all, IV))
          .doFinal(all, IV, all.length - IV);
      WireReader r = new WireReader(plain);
      long counter = r.u64();
      String client = r.string(128);
      byte[] secret = r.rest();
      if (secret.length != HtlBodies.LENGTH) {
        throw new IOException(file + " is damaged");
      }
      return Optional.of(new State(counter, client, secret));
    } catch (GeneralSecurityException | MalformedCommandException | RuntimeException e) {
      throw new IOException(file + " cannot be decrypted (damaged, or from another client home)");
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  void save(long counter, String client, byte[] secret) throws IOException {
    byte[] iv = new byte[IV];
    new SecureRandom().nextBytes(iv);
    WireWriter w = new WireWriter().u64(counter).string(client).raw(secret);
    byte[] plain = w.toByteArray();
    try {
      byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv).doFinal(plain);
      OwnerOnlyFiles.createDirectories(file.getParent());
      OwnerOnlyFiles.write(file, new WireWriter().raw(iv).raw(sealed).toByteArray());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encrypt " + file, e);
    } finally {
      Arrays.fill(plain, (byte) 0);
      w.wipe();
    }
  }

  void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  private Cipher cipher(int mode, byte[] iv) throws IOException, GeneralSecurityException {
    byte[] k = key.get();
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(server.getBytes(StandardCharsets.UTF_8));
      return c;
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
