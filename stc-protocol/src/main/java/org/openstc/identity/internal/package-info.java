/**
 * Internal: not API; may change without notice. Owner-only, atomic and durable file writes shared
 * by the identity files, the tools and the stores.
 */
package org.openstc.identity.internal;
