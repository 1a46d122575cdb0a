/**
 * API for openstc's own tools and client library: the client soft token under {@code
 * $STC_HOME/token/}. {@link org.openstc.token.TokenHome} lays out and creates the home, {@link
 * org.openstc.token.Token} holds the client identity key (encrypted at rest, usable only through
 * {@link org.openstc.stc.StaticKeyAgreement}) and the registered partition identities; failures
 * are {@link org.openstc.token.TokenException} with a reason. The LMDB tables and key sealing
 * behind them are package-private.
 */
package org.openstc.token;
