/**
 * API: the STC/1 frame layer (docs/protocol.md, "Frames"): {@link org.openstc.stc.wire.Frame}, the
 * {@link org.openstc.stc.wire.FrameType}s with their length limits, and the format's constants in
 * {@link org.openstc.stc.wire.Wire}. What a transport (the Netty partition host, a test harness)
 * needs to cut a byte stream into frames.
 */
package org.openstc.stc.wire;
