package org.openstc.jca;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Set;
import javax.crypto.KeyGeneratorSpi;
import javax.crypto.SecretKey;
import org.openstc.client.Slot;
import org.openstc.client.StcClientException;
import org.openstc.command.ObjectBodies.ObjectType;

/**
 * {@code KeyGenerator} AES (256 bits) and {@code KeyPairGenerator} EC (P-256) and Ed25519: the
 * key is generated inside the partition (OBJECT_GENERATE, Crypto Officer) and comes back as an
 * {@link StcKey}; the public key is the JDK's own, from OBJECT_INFO's SubjectPublicKeyInfo.
 */
final class Generators {
  private static final Set<String> P256_NAMES = Set.of("secp256r1", "prime256v1", "p-256", "nist p-256",
      "1.2.840.10045.3.1.7");

  private Generators() {}

  /** Generates an object and returns its handle; unchecked failures, as the JCA methods allow no other. */
  static long generate(SlotSession session, ObjectType type, String label) {
    try {
      if (!session.ensureLogin()) {
        throw new ProviderException("OpenSTC: nobody is logged in; load the OpenSTC KeyStore with the PIN "
            + "(or set pinFile) before generating keys");
      }
      return session.slot().generate(type, label);
    } catch (StcClientException e) {
      throw SlotSession.unchecked("OpenSTC cannot generate a " + type.label() + " key", e);
    }
  }

  /** The JDK public key of an EC or Ed25519 object. */
  static PublicKey publicKey(Slot slot, long handle, ObjectType type) throws StcClientException {
    try {
      return KeyFactory.getInstance(type == ObjectType.EC_P256 ? "EC" : "Ed25519")
          .generatePublic(new X509EncodedKeySpec(slot.objectInfo(handle).publicKeySpki()));
    } catch (java.security.GeneralSecurityException e) {
      throw new ProviderException("the partition's public key does not parse: " + e.getMessage(), e);
    }
  }

  /** KeyGenerator AES. */
  static final class Aes extends KeyGeneratorSpi {
    private final SlotSession session;
    private SecureRandom random = new SecureRandom();
    private String label;

    Aes(OpenStcProvider provider) {
      this.session = provider.session();
    }

    @Override
    protected void engineInit(SecureRandom r) {
      random = r == null ? random : r;
    }

    @Override
    protected void engineInit(AlgorithmParameterSpec params, SecureRandom r) throws InvalidAlgorithmParameterException {
      if (!(params instanceof StcKeyGenSpec spec)) {
        throw new InvalidAlgorithmParameterException("OpenSTC AES takes a StcKeyGenSpec (the key's label)");
      }
      label = spec.label();
      engineInit(r);
    }

    @Override
    protected void engineInit(int keysize, SecureRandom r) {
      if (keysize != 256) {
        throw new InvalidParameterException("OpenSTC makes 256-bit AES keys only, not " + keysize + "-bit");
      }
      engineInit(r);
    }

    @Override
    protected SecretKey engineGenerateKey() {
      String l = label != null ? label : StcKeyGenSpec.autoLabel(random);
      return (SecretKey) StcKey.of(session, generate(session, ObjectType.AES256, l), l, ObjectType.AES256);
    }
  }

  /** KeyPairGenerator EC (P-256) or Ed25519. */
  static final class Pair extends KeyPairGeneratorSpi {
    private final SlotSession session;
    private final ObjectType type;
    private SecureRandom random = new SecureRandom();
    private String label;

    Pair(OpenStcProvider provider, ObjectType type) {
      this.session = provider.session();
      this.type = type;
    }

    @Override
    public void initialize(int keysize, SecureRandom r) {
      int want = type == ObjectType.EC_P256 ? 256 : 255;
      if (keysize != want) {
        throw new InvalidParameterException("OpenSTC " + type.label() + " keys are " + want + "-bit, not " + keysize);
      }
      random = r == null ? random : r;
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom r) throws InvalidAlgorithmParameterException {
      if (params instanceof StcKeyGenSpec spec) {
        label = spec.label();
      } else if (!names(params)) {
        throw new InvalidAlgorithmParameterException("OpenSTC " + type.label() + " does not take " + params);
      }
      random = r == null ? random : r;
    }

    private boolean names(AlgorithmParameterSpec params) {
      if (type == ObjectType.ED25519) {
        return params instanceof NamedParameterSpec n && n.getName().equalsIgnoreCase("Ed25519");
      }
      String name = params instanceof ECGenParameterSpec g ? g.getName()
          : params instanceof NamedParameterSpec n ? n.getName() : null;
      return name != null && P256_NAMES.contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public KeyPair generateKeyPair() {
      String l = label != null ? label : StcKeyGenSpec.autoLabel(random);
      long handle = generate(session, type, l);
      try {
        return new KeyPair(publicKey(session.slot(), handle, type), (java.security.PrivateKey) StcKey.of(session, handle, l, type));
      } catch (StcClientException e) {
        throw SlotSession.unchecked("OpenSTC cannot read the new key's public half", e);
      }
    }
  }
}
