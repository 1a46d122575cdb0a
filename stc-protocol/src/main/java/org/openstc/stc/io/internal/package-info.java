/**
 * Internal: not API; may change without notice. Reading whole frames from a blocking stream, for
 * {@link org.openstc.stc.io.StcConnection} and our conformance peers.
 */
package org.openstc.stc.io.internal;
