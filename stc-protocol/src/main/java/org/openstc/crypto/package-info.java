/**
 * API: the crypto SPI the protocol core runs on. {@link org.openstc.crypto.CryptoProvider} bundles
 * the Noise primitives ({@link org.openstc.crypto.DhFunction}, {@link
 * org.openstc.crypto.CipherFunction} with its {@link org.openstc.crypto.Aead}, {@link
 * org.openstc.crypto.HashFunction}); each interface states its security contract, so another
 * implementation knows what it must guarantee. {@link org.openstc.crypto.CryptoProviders} hands out
 * the two implementations, and {@link org.openstc.crypto.SecretBytes} carries every secret key.
 */
package org.openstc.crypto;
