/**
 * API: the public identity files of docs/identity-files.md, a client's {@code <label>.stcid} and a
 * partition's {@code <serial>.pid}: {@link org.openstc.identity.IdentityFile} parses exactly that
 * format and writes it; every refusal is an {@link org.openstc.identity.IdentityFileException}
 * with a reason.
 */
package org.openstc.identity;
