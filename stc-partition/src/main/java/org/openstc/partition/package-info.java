/**
 * The partition's command service, independent of any transport: {@link
 * org.openstc.partition.CommandService} answers each decrypted command request of an activated
 * channel within that channel's {@link org.openstc.partition.Session} (who is logged in). One
 * package-private handler class per family of commands. Used by the partition host
 * ({@code org.openstc.partition.host}); public so that tests and the conformance suite can run it
 * without a network.
 */
package org.openstc.partition;
