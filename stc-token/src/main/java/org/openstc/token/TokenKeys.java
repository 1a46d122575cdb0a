package org.openstc.token;

import static org.openstc.token.TokenException.Reason.CORRUPT;
import static org.openstc.token.TokenException.Reason.INVALID_ARGUMENT;
import static org.openstc.token.TokenException.Reason.IO_ERROR;
import static org.openstc.token.TokenException.Reason.PASSPHRASE_REQUIRED;
import static org.openstc.token.TokenException.Reason.WRONG_PASSPHRASE;

import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.stc.PeerIdentity;

/** Unlocks the data key (counting wrong passphrases) and seals and opens the private key. */
final class TokenKeys {
  static final String KEK_FILE = "kek";
  private static final byte[] PRIVATE_AD = "openstc-token-identity-v1".getBytes(StandardCharsets.US_ASCII);

  private TokenKeys() {}

  /** The data key AEAD. A wrong passphrase is counted in its own transaction, nothing else changes. */
  static Aead dataKey(TokenDb db, TokenStore store, Path tokenDir, char[] passphrase)
      throws TokenException {
    TokenStore.Meta meta = db.read("read the token", store::meta);
    if (meta.kdf() == null) {
      if (passphrase != null && passphrase.length > 0) {
        throw new TokenException(INVALID_ARGUMENT, "this token is not protected by a passphrase");
      }
      return openWithKekFile(tokenDir, meta);
    }
    if (passphrase == null || passphrase.length == 0) {
      throw new TokenException(PASSPHRASE_REQUIRED, "this token is protected by a passphrase: give -password");
    }
    try {
      Aead dek = KeyProtection.openKeyset(meta.keyset(), KeyProtection.kekAead(meta.kdf().derive(passphrase)),
          meta.serial());
      if (meta.failures() != 0) {
        db.write("reset the failure counter", txn -> { store.setFailures(txn, 0); return null; });
      }
      return dek;
    } catch (GeneralSecurityException e) {
      long failures = db.write("count the failed unlock", txn -> {
        long n = store.meta(txn).failures() + 1;
        store.setFailures(txn, n);
        return n;
      });
      throw new TokenException(WRONG_PASSPHRASE,
          "incorrect token passphrase (" + failures + " failed attempt" + (failures == 1 ? "" : "s") + ")");
    }
  }

  private static Aead openWithKekFile(Path tokenDir, TokenStore.Meta meta) throws TokenException {
    byte[] kek = null;
    try {
      kek = SmallFiles.read(tokenDir.resolve(KEK_FILE), KdfParams.KEK_LENGTH);
      if (kek.length != KdfParams.KEK_LENGTH) {
        throw new TokenException(CORRUPT, "the token key file " + tokenDir.resolve(KEK_FILE)
            + " is damaged: " + TokenDb.REMEDY);
      }
      return KeyProtection.openKeyset(meta.keyset(), KeyProtection.kekAead(kek), meta.serial());
    } catch (NoSuchFileException e) {
      throw new TokenException(CORRUPT, "the token key file " + e.getFile() + " is missing: "
          + TokenDb.REMEDY, e);
    } catch (SmallFiles.TooLarge e) {
      throw new TokenException(CORRUPT, "the token key file is damaged: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new TokenException(IO_ERROR, "cannot read the token key file: " + e, e);
    } catch (GeneralSecurityException e) {
      throw new TokenException(CORRUPT, "the token key file does not match the token store", e);
    } finally {
      SecretBytes.wipe(kek);
    }
  }

  static byte[] seal(Aead dek, byte[] privateKey, PeerIdentity id) throws TokenException {
    try {
      return dek.encrypt(privateKey, ad(id));
    } catch (GeneralSecurityException e) {
      throw new TokenException(CORRUPT, "cannot encrypt the private key: " + e.getMessage(), e);
    }
  }

  /** Decrypts the private key into a key pair and checks it matches the stored public key. */
  static DhKeyPair open(Aead dek, byte[] sealed, PeerIdentity id) throws TokenException {
    byte[] raw = null;
    try {
      raw = dek.decrypt(sealed, ad(id));
      DhKeyPair pair = id.keyType().dh(CryptoProviders.tuned()).fromPrivateKey(raw);
      if (!Arrays.equals(pair.publicKey(), id.publicKey())) {
        pair.destroy();
        throw new TokenException(CORRUPT, "the stored private key does not match the identity");
      }
      return pair;
    } catch (GeneralSecurityException e) {
      throw new TokenException(CORRUPT, "the stored private key cannot be decrypted", e);
    } finally {
      SecretBytes.wipe(raw);
    }
  }

  static byte[] ad(PeerIdentity id) {
    byte[] canonical = id.canonicalEncoding();
    byte[] out = Arrays.copyOf(PRIVATE_AD, PRIVATE_AD.length + 1 + canonical.length);
    System.arraycopy(canonical, 0, out, PRIVATE_AD.length + 1, canonical.length);
    return out;
  }
}
