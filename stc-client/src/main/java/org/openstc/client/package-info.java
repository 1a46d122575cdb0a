/**
 * API: the client side of openstc as a library. {@link org.openstc.client.StcClient} opens the
 * token in {@code STC_HOME} with its server list and slots ({@link
 * org.openstc.client.ClientConfig}); a {@link org.openstc.client.Slot} is one partition reached
 * over an STC channel, its commands as methods. Every failure is a {@link
 * org.openstc.client.StcClientException} whose kind says where it went wrong (the token, the
 * configuration, the server, the channel, the command).
 */
package org.openstc.client;
