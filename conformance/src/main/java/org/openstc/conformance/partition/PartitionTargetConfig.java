package org.openstc.conformance.partition;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstc.conformance.keys.TestKeyFile;
import org.openstc.conformance.partition.PartitionTarget.Partition;
import org.openstc.conformance.partition.PartitionTarget.Profile;

/**
 * The options of {@code -target partition}.
 *
 * @param partitions at least one; the first is the main partition (sanity checks use it)
 * @param clients client keys registered on every partition (one per key type is used)
 * @param deregistered a client key that was registered on the main partition and then deregistered
 * @param maxSessions the max-sessions setting of the {@link Profile#SESSIONS} partition
 * @param activationTimeoutSeconds the host's activation timeout: how long the timeout cases wait
 * @param readTimeoutMillis how long any case waits for one answer
 * @param poPin the main partition's PO PIN, to give it a profile's settings for one case
 */
public record PartitionTargetConfig(String host, int port, List<Partition> partitions,
    List<TestKeyFile> clients, Optional<TestKeyFile> deregistered, Map<Profile, Partition> profiles,
    int maxSessions, int activationTimeoutSeconds, int readTimeoutMillis, Responder responder,
    Optional<char[]> poPin) {

  public static final int DEFAULT_ACTIVATION_TIMEOUT_SECONDS = 60;
  public static final int DEFAULT_READ_TIMEOUT_MILLIS = 5000;

  public PartitionTargetConfig {
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("at least one partition (-pid) is needed");
    }
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("at least one registered client key (-client) is needed");
    }
    partitions = List.copyOf(partitions);
    clients = List.copyOf(clients);
    profiles = Map.copyOf(profiles);
  }
}
