package org.openstc.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;

/**
 * One implementation of the primitives the engine uses. Two exist, {@link CryptoProviders#jca()}
 * (the JDK providers) and {@link CryptoProviders#bouncyCastle()}, so that every test can run
 * against both; {@link CryptoProviders#tuned()}, the hot path, takes per primitive the faster of
 * the two on the running JVM, and the tests run against it too.
 */
public interface CryptoProvider {

  /** A short name for reports: {@code JCA}, {@code BC} or {@code TUNED}. */
  String name();

  DhFunction dh(String noiseName) throws NoSuchAlgorithmException;

  CipherFunction cipher(String noiseName) throws NoSuchAlgorithmException;

  HashFunction hash(String noiseName) throws NoSuchAlgorithmException;

  /** Noise names of the DH functions, ciphers and hashes this provider supports. */
  Set<String> supported();

  SecureRandom random();
}
