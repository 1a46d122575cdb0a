package org.openstc.jca;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.security.Key;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.NamedParameterSpec;
import javax.crypto.SecretKey;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.crypto.internal.EcCurves;

/**
 * A key that stays in the partition: the provider instance's channel and the object's handle and
 * label, no key material ({@link #getEncoded()} and {@link #getFormat()} are null, so other
 * providers refuse it with {@code InvalidKeyException} and the JCA's provider selection moves on).
 * The EC key is an {@link ECKey} and the Ed25519 key an {@link EdECKey} for their parameters, but
 * neither an {@code ECPrivateKey} nor an {@code EdECPrivateKey}, which would promise the scalar.
 */
abstract sealed class StcKey implements Key {
  private static final long serialVersionUID = 1L;

  private final transient SlotSession session;
  private final long handle;
  private final String label;
  private final ObjectType type;

  StcKey(SlotSession session, long handle, String label, ObjectType type) {
    this.session = session;
    this.handle = handle;
    this.label = label;
    this.type = type;
  }

  static StcKey of(SlotSession session, long handle, String label, ObjectType type) {
    return switch (type) {
      case AES256 -> new Aes(session, handle, label);
      case EC_P256 -> new Ec(session, handle, label);
      case ED25519 -> new Ed(session, handle, label);
      default -> throw new IllegalArgumentException(type.label() + " objects are not keys");
    };
  }

  SlotSession session() {
    return session;
  }

  long handle() {
    return handle;
  }

  /** The object's label (the KeyStore alias it was generated or found under). */
  public String label() {
    return label;
  }

  ObjectType type() {
    return type;
  }

  @Override
  public final String getFormat() {
    return null;
  }

  @Override
  public final byte[] getEncoded() {
    return null;
  }

  @Override
  public String toString() {
    return "OpenSTC " + type.label() + " key " + handle + " '" + label + "'";
  }

  private void writeObject(ObjectOutputStream out) throws NotSerializableException {
    throw new NotSerializableException("an OpenSTC key is bound to a live channel");
  }

  /** An AES-256 key. */
  static final class Aes extends StcKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    Aes(SlotSession session, long handle, String label) {
      super(session, handle, label, ObjectType.AES256);
    }

    @Override
    public String getAlgorithm() {
      return "AES";
    }
  }

  /** The private half of an ECDSA P-256 key pair. */
  static final class Ec extends StcKey implements PrivateKey, ECKey {
    private static final long serialVersionUID = 1L;

    Ec(SlotSession session, long handle, String label) {
      super(session, handle, label, ObjectType.EC_P256);
    }

    @Override
    public String getAlgorithm() {
      return "EC";
    }

    @Override
    public ECParameterSpec getParams() {
      return EcCurves.P256.jcaParameters();
    }
  }

  /** The private half of an Ed25519 key pair. */
  static final class Ed extends StcKey implements PrivateKey, EdECKey {
    private static final long serialVersionUID = 1L;

    Ed(SlotSession session, long handle, String label) {
      super(session, handle, label, ObjectType.ED25519);
    }

    @Override
    public String getAlgorithm() {
      return "Ed25519";
    }

    @Override
    public NamedParameterSpec getParams() {
      return NamedParameterSpec.ED25519;
    }
  }
}
