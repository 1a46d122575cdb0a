package org.openstc.jca;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Arrays;
import org.openstc.client.StcClientException;
import org.openstc.command.CryptoBodies;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.crypto.internal.EcdsaSignatures;

/**
 * Signature {@code SHA256withECDSA} (hashed here, signed by SIGN_DIGEST, DER-encoded),
 * {@code NONEwithECDSA} (the data is the digest, at most 64 bytes) and {@code Ed25519} (SIGN, the
 * 5-byte key-id prefix dropped) with partition keys. Verification uses the JDK's SunEC with the
 * ordinary public keys the provider hands out.
 */
final class StcSignature extends SignatureSpi {
  /** Which algorithm. */
  enum Kind {
    SHA256_ECDSA("SHA256withECDSA", ObjectType.EC_P256),
    NONE_ECDSA("NONEwithECDSA", ObjectType.EC_P256),
    ED25519("Ed25519", ObjectType.ED25519);

    final String jca;
    final ObjectType keyType;

    Kind(String jca, ObjectType keyType) {
      this.jca = jca;
      this.keyType = keyType;
    }
  }

  private final Kind kind;
  private final WipingBuffer buffer = new WipingBuffer();
  private MessageDigest sha256;
  private StcKey key;
  private Signature verifier;

  StcSignature(Kind kind) {
    this.kind = kind;
  }

  @Override
  protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
    if (!(privateKey instanceof StcKey k) || k.type() != kind.keyType) {
      throw new InvalidKeyException("OpenSTC " + kind.jca + " signs with OpenSTC " + kind.keyType.label()
          + " keys, not " + (privateKey == null ? "null" : privateKey.getClass().getName()));
    }
    key = k;
    verifier = null;
    reset();
  }

  @Override
  protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
    try {
      verifier = Signature.getInstance(kind.jca, "SunEC");
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException("no SunEC " + kind.jca + " to verify with", e);
    }
    verifier.initVerify(publicKey);
    key = null;
  }

  @Override
  protected void engineUpdate(byte b) throws SignatureException {
    engineUpdate(new byte[] {b}, 0, 1);
  }

  @Override
  protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
    if (verifier != null) {
      verifier.update(b, off, len);
      return;
    }
    if (key == null) {
      throw new SignatureException("Signature not initialized");
    }
    if (kind == Kind.SHA256_ECDSA) {
      digest().update(b, off, len);
      return;
    }
    int max = kind == Kind.NONE_ECDSA ? CryptoBodies.MAX_DIGEST : ObjectBodies.MAX_DATA;
    if (buffer.size() + len > max) {
      reset();
      throw new SignatureException("OpenSTC " + kind.jca + " signs at most " + max + " bytes");
    }
    buffer.write(b, off, len);
  }

  @Override
  protected byte[] engineSign() throws SignatureException {
    if (key == null) {
      throw new SignatureException("Signature not initialized for signing");
    }
    byte[] input = kind == Kind.SHA256_ECDSA ? digest().digest() : buffer.toByteArray();
    try {
      return switch (kind) {
        case ED25519 -> {
          byte[] tink = key.session().slot().sign(key.handle(), input);
          yield Arrays.copyOfRange(tink, 5, tink.length);
        }
        default -> {
          if (input.length == 0) {
            throw new SignatureException("NONEwithECDSA needs a digest of 1..64 bytes");
          }
          yield EcdsaSignatures.rawToDer(key.session().slot().signDigest(key.handle(), input));
        }
      };
    } catch (StcClientException e) {
      throw new SignatureException("OpenSTC " + kind.jca + " with " + key + ": " + e.getMessage(), e);
    } finally {
      reset();
    }
  }

  @Override
  protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
    if (verifier == null) {
      throw new SignatureException("Signature not initialized for verification");
    }
    return verifier.verify(sigBytes);
  }

  @Override
  @Deprecated
  protected void engineSetParameter(String param, Object value) {
    throw new InvalidParameterException("OpenSTC signatures take no parameters");
  }

  @Override
  @Deprecated
  protected Object engineGetParameter(String param) {
    throw new InvalidParameterException("OpenSTC signatures take no parameters");
  }

  private MessageDigest digest() {
    if (sha256 == null) {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (GeneralSecurityException e) {
        throw new java.security.ProviderException(e);
      }
    }
    return sha256;
  }

  private void reset() {
    buffer.wipe();
    if (sha256 != null) {
      sha256.reset();
    }
  }

}
