/**
 * Internal: not API; may change without notice. The strict field reader and the wiping field writer
 * of the command protocol's encoding, used by the body classes and by the partition host's store
 * records.
 */
package org.openstc.command.internal;
