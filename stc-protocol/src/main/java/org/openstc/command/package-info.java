/**
 * API: the command protocol that runs inside an STC channel (docs/protocol.md, Part 2): requests
 * and responses ({@link org.openstc.command.CommandRequest}, {@link
 * org.openstc.command.CommandResponse}), the opcodes and roles, the PKCS#11 result codes, and one
 * class per family of command bodies. A client builds requests with {@link
 * org.openstc.command.Requests}; the partition host decodes them with the same classes.
 */
package org.openstc.command;
