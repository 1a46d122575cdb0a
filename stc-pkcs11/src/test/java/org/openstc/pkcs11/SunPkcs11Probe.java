package org.openstc.pkcs11;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Collections;

/**
 * Run in a child JVM by {@link SunPkcs11IT}: the JDK's own SunPKCS11 provider on
 * p11-kit-client.so. Args: config file, PIN, alias of the EC key, its public key (SPKI file).
 * Prints what it saw, one fact per line.
 */
public final class SunPkcs11Probe {
  private SunPkcs11Probe() {}

  public static void main(String[] args) throws Exception {
    Provider p = Security.getProvider("SunPKCS11").configure(args[0]);
    KeyStore ks = KeyStore.getInstance("PKCS11", p);
    ks.load(null, args[1].toCharArray());
    System.out.println("aliases: " + Collections.list(ks.aliases()));
    PrivateKey key = (PrivateKey) ks.getKey(args[2], null);
    byte[] message = "signed by SunPKCS11".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA", p);
    signer.initSign(key);
    signer.update(message);
    byte[] signature = signer.sign();
    PublicKey pub = KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(Path.of(args[3]))));
    Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
    verifier.initVerify(pub);
    verifier.update(message);
    System.out.println("jdk verifies: " + verifier.verify(signature));
    try {
      javax.crypto.Cipher.getInstance("AES/GCM/NoPadding", p);
      System.out.println("gcm: offered");
    } catch (java.security.GeneralSecurityException e) {
      System.out.println("gcm: not offered (" + e.getClass().getSimpleName() + ")");
    }
  }
}
