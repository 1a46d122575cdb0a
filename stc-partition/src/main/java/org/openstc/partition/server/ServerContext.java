package org.openstc.partition.server;

import java.util.concurrent.Executor;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.PartitionResolver;

/** What every connection handler of one server shares. */
record ServerContext(ServerConfig config, CryptoProvider provider, PartitionResolver resolver,
    ChannelServiceFactory services, Sessions sessions, Executor workers) {}
