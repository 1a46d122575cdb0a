package org.openstc.perf;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.openstc.crypto.internal.EcdsaSignatures;

/**
 * Figure r's operations done here, with keys of the same kinds as the host's and the same calls
 * (Tink AEAD and Ed25519, JCA NONEwithECDSA with a fresh {@link Signature} per call and the raw
 * r||s conversion): the TLS variant's server work and the in-process limit.
 */
final class LocalOps {
  private final Aead aead;
  private final PrivateKey ecdsa;
  private final PublicKeySign ed25519;

  LocalOps() throws GeneralSecurityException {
    AeadConfig.register();
    SignatureConfig.register();
    aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
        .getPrimitive(RegistryConfiguration.get(), Aead.class);
    ed25519 = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519)
        .getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ecdsa = g.generateKeyPair().getPrivate();
  }

  /** Runs {@code op} on {@code data} once and returns what the host would answer. */
  byte[] run(CommandOp op, byte[] data) throws GeneralSecurityException {
    switch (op) {
      case SIGN_P256: {
        Signature s = Signature.getInstance("NONEwithECDSA");
        s.initSign(ecdsa);
        s.update(data);
        return EcdsaSignatures.derToRaw(s.sign(), 32);
      }
      case SIGN_ED25519:
        return ed25519.sign(data);
      default:
        return aead.encrypt(data, new byte[0]);
    }
  }

  /** Operations per second of {@code threads} threads each running {@code op} in a loop. */
  double rate(CommandOp op, int threads, Load.Timing t) throws Exception {
    byte[] data = op.data();
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> running = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread th = new Thread(() -> {
        try {
          while (!stop.get()) {
            run(op, data);
            done.increment();
          }
        } catch (GeneralSecurityException | RuntimeException e) {
          errors.add(e);
        }
      }, "in-process-" + i);
      running.add(th);
      th.start();
    }
    try {
      double rate = Load.perSecond(done, t);
      if (!errors.isEmpty()) {
        throw new IllegalStateException(op.label + " in process failed", errors.get(0));
      }
      return rate;
    } finally {
      stop.set(true);
      for (Thread th : running) {
        th.join();
      }
    }
  }
}
