package org.openstc.conformance.host;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openstc.conformance.keys.TestKeyFile;
import org.openstc.conformance.partition.PartitionTarget.Profile;
import org.openstc.conformance.partition.Responder;
import org.openstc.conformance.partition.TargetFiles;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.server.StcServer;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.FaultInjectedChecks;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionChecks;
import org.openstc.stc.PartitionEndpoint;

/**
 * The partition host the suite is run against in CI: an {@link StcServer} with an echo service and
 * in-memory partitions, one per key type plus one per profile, all with a 2 s activation timeout.
 * It writes the {@code .pid} files and client test keys the suite loads into a directory, so the
 * suite is exercised through the same files an operator would hand it. {@link #main} runs it in a
 * separate JVM (for the fault-injected runs) and prints {@code PORT <n>} once it listens.
 */
public final class InProcessHost implements Closeable {
  public static final int ACTIVATION_TIMEOUT_SECONDS = 2;
  public static final int MAX_SESSIONS = 2;
  public static final int REKEY_THRESHOLD_RECORDS = 5;

  private final Path dir;
  private final StcServer server;

  private InProcessHost(Path dir, StcServer server) {
    this.dir = dir;
    this.server = server;
  }

  /** Generates keys and files under {@code dir} and starts the host on a free loopback port. */
  public static InProcessHost start(Path dir) throws Exception {
    return start(dir, PartitionChecks.STRICT);
  }

  /** As {@link #start(Path)}, every partition's handshakes making {@code checks}. */
  public static InProcessHost start(Path dir, PartitionChecks checks) throws Exception {
    CryptoProvider provider = CryptoProviders.jca();
    Map<Long, PartitionEndpoint> partitions = new HashMap<>();
    Map<KeyType, InMemoryPeerRegistry> registries = new HashMap<>();
    for (KeyType type : KeyType.values()) {
      TestKeyFile client = TestKeyFile.generate("conf-" + type.label(), type, provider);
      client.write(dir.resolve(type.label() + TestKeyFile.EXTENSION));
      registries.put(type, new InMemoryPeerRegistry().register(client.label(),
          client.toStaticKey(provider).identity()));
    }
    TestKeyFile gone = TestKeyFile.generate("conf-gone", KeyType.X25519, provider);
    gone.write(dir.resolve("deregistered" + TestKeyFile.EXTENSION));
    InMemoryPeerRegistry x = registries.get(KeyType.X25519);
    x.register(gone.label(), gone.toStaticKey(provider).identity());
    x.deregister(gone.toStaticKey(provider).identity());

    ChannelPolicy base = ChannelPolicy.builder()
        .activationTimeoutSeconds(ACTIVATION_TIMEOUT_SECONDS).build();
    long serial = 1001;
    for (KeyType type : KeyType.values()) {
      add(partitions, dir, type.label(), serial++, type, registries.get(type), base, checks,
          provider);
    }
    add(partitions, dir, "retry", 1101, KeyType.X25519, x, base.toBuilder()
        .ciphers(Set.of(ChannelPolicy.Cipher.ChaChaPoly)).build(), checks, provider);
    add(partitions, dir, "rekey", 1102, KeyType.X25519, x, base.toBuilder()
        .rekeyThresholdRecords(REKEY_THRESHOLD_RECORDS).build(), checks, provider);
    add(partitions, dir, "integrity", 1103, KeyType.X25519, x, base.toBuilder()
        .integrityOnly(true).build(), checks, provider);
    add(partitions, dir, "sessions", 1104, KeyType.X25519, x, base.toBuilder()
        .maxSessions(MAX_SESSIONS).build(), checks, provider);

    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0)
        .withPreOpenTimeoutSeconds(ACTIVATION_TIMEOUT_SECONDS).withIdleTimeoutSeconds(60);
    StcServer server = new StcServer(config, provider,
        s -> Optional.ofNullable(partitions.get(s)),
        (partition, client, info) -> request -> request).start();
    return new InProcessHost(dir, server);
  }

  private static void add(Map<Long, PartitionEndpoint> partitions, Path dir, String name,
      long serial, KeyType type, InMemoryPeerRegistry registry, ChannelPolicy policy,
      PartitionChecks checks, CryptoProvider provider) throws Exception {
    InMemoryStaticKey key = InMemoryStaticKey.generate(type, provider);
    IdentityFile.partition(serial, "conf-" + name, key.identity()).write(dir.resolve(name + ".pid"));
    partitions.put(serial, new PartitionEndpoint(serial, key, registry, policy, checks));
  }

  public int port() {
    return server.port();
  }

  /** The target options for this host, as an operator would pass them. */
  public TargetFiles targetFiles() {
    return targetFiles(dir, port());
  }

  /** The target options for a host started on {@code dir} listening on {@code port}. */
  public static TargetFiles targetFiles(Path dir, int port) {
    TargetFiles f = new TargetFiles().address("127.0.0.1", port);
    for (KeyType type : KeyType.values()) {
      f.pid(dir.resolve(type.label() + ".pid"));
      f.client(dir.resolve(type.label() + TestKeyFile.EXTENSION));
    }
    return f.deregistered(dir.resolve("deregistered" + TestKeyFile.EXTENSION))
        .profile(Profile.RETRY, dir.resolve("retry.pid"))
        .profile(Profile.REKEY, dir.resolve("rekey.pid"))
        .profile(Profile.INTEGRITY, dir.resolve("integrity.pid"))
        .profile(Profile.SESSIONS, dir.resolve("sessions.pid")).maxSessions(MAX_SESSIONS)
        .activationTimeoutSeconds(ACTIVATION_TIMEOUT_SECONDS).readTimeoutMillis(3000)
        .responder(Responder.RAW_ECHO);
  }

  @Override
  public void close() {
    server.close();
  }

  /**
   * {@code InProcessHost DIR [FAULT]}: starts the host (with the test-only fault {@code FAULT} of
   * {@link FaultInjectedChecks.Fault}, if named), prints {@code PORT <n>}, runs until stdin ends.
   */
  public static void main(String[] args) throws Exception {
    PartitionChecks checks = args.length > 1
        ? FaultInjectedChecks.with(FaultInjectedChecks.Fault.of(args[1])) : PartitionChecks.STRICT;
    if (checks != PartitionChecks.STRICT) {
      System.err.println("INSECURE: deliberately broken host for testing: " + checks);
    }
    try (InProcessHost host = start(Path.of(args[0]), checks)) {
      System.out.println("PORT " + host.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our stdin
      }
    } catch (IOException e) {
      System.err.println("in-process host failed: " + e);
      System.exit(2);
    }
  }
}
