package org.openstc.partition.server;

import java.util.concurrent.Executor;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.PartitionResolver;

/**
 * What every connection handler of one server shares: {@code workers} run commands of active
 * channels, {@code handshakes} run OPEN and ACTIVATE, {@code gate} bounds pending connections and
 * {@code failures} counts and logs what unauthenticated peers caused.
 */
record ServerContext(ServerConfig config, CryptoProvider provider, PartitionResolver resolver,
    ChannelServiceFactory services, Sessions sessions, Executor workers, Executor handshakes,
    HandshakeGate gate, FailureLog failures) {}
