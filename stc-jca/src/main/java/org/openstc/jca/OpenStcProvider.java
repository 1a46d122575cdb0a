package org.openstc.jca;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openstc.command.ObjectBodies.ObjectType;

/**
 * The JCA provider {@code OpenSTC}: keys that stay in an openstc partition (docs/jca.md).
 * Configure it with a properties file path or the properties themselves ({@link JcaConfig}):
 * {@code new OpenStcProvider("home=/x;slot=0")}, {@code keytool -providerClass
 * org.openstc.jca.OpenStcProvider -providerArg CONFIG}, or a {@code java.security} line
 * {@code security.provider.N=org.openstc.jca.OpenStcProvider CONFIG}. The no-argument provider
 * uses the defaults (STC_HOME, slot 0). One instance keeps one channel to its partition, shared
 * by every thread; {@link #close} ends it.
 */
public final class OpenStcProvider extends Provider implements AutoCloseable {
  private static final long serialVersionUID = 1L;
  public static final String NAME = "OpenSTC";

  private final transient SlotSession session;

  public OpenStcProvider() {
    this(JcaConfig.defaults());
  }

  /** {@code config}: a properties file path, or properties inline ({@code key=value}, {@code ;}-separated). */
  public OpenStcProvider(String config) {
    this(JcaConfig.parse(config));
  }

  private OpenStcProvider(JcaConfig config) {
    super(NAME, "0.1", "OpenSTC: keys in an openstc partition (KeyStore, Cipher, Signature, generators, SecureRandom)");
    this.session = new SlotSession(config);
    Map<String, String> privateKeys = Map.of("SupportedKeyClasses", StcKey.Ec.class.getName() + "|"
        + StcKey.Ed.class.getName() + "|java.security.interfaces.ECPublicKey|java.security.interfaces.EdECPublicKey");
    add("KeyStore", "OpenSTC", Map.of(), () -> new StcKeyStore(this));
    add("KeyGenerator", "AES", Map.of(), () -> new Generators.Aes(this));
    add("KeyPairGenerator", "EC", Map.of(), () -> new Generators.Pair(this, ObjectType.EC_P256));
    add("KeyPairGenerator", "Ed25519", Map.of(), () -> new Generators.Pair(this, ObjectType.ED25519));
    add("Cipher", "AES/GCM/NoPadding", Map.of("SupportedKeyClasses", StcKey.Aes.class.getName()),
        AesGcmCipher::new);
    for (StcSignature.Kind k : StcSignature.Kind.values()) {
      add("Signature", k.jca, privateKeys, () -> new StcSignature(k));
    }
    add("SecureRandom", "OpenSTC", Map.of("ThreadSafe", "true"), () -> new StcRandom(this));
  }

  /** A new provider with {@code configArg} (what {@code keytool -providerArg} passes). */
  @Override
  public Provider configure(String configArg) {
    return new OpenStcProvider(configArg);
  }

  @Override
  public boolean isConfigured() {
    return true;
  }

  SlotSession session() {
    return session;
  }

  /** Logs out and closes the channel; keys from this provider fail afterwards with a clear message. */
  @Override
  public void close() {
    session.close();
  }

  private void add(String type, String algorithm, Map<String, String> attributes, Supplier<Object> factory) {
    putService(new Service(this, type, algorithm, factory.getClass().getName(), List.of(), attributes) {
      @Override
      public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
        return factory.get();
      }
    });
  }
}
