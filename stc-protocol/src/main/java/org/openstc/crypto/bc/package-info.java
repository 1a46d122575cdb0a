/**
 * API: the crypto provider on Bouncy Castle's lightweight API, so every test can run as a JCA x BC
 * matrix and the two providers check each other. Only {@link
 * org.openstc.crypto.bc.BcCryptoProvider} is public; the primitives behind it are package-private.
 */
package org.openstc.crypto.bc;
