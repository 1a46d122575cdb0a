package org.openstc.conformance.partition;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstc.conformance.keys.TestKeyFile;
import org.openstc.conformance.partition.PartitionTarget.Partition;
import org.openstc.conformance.partition.PartitionTarget.Profile;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.identity.IdentityKind;

/**
 * Builds a {@link PartitionTargetConfig} from the files an operator has: partition identity files
 * ({@code .pid}) and conformance test keys ({@code .testkey}). Mirrors the command-line options.
 */
public final class TargetFiles {
  private String host = "127.0.0.1";
  private int port;
  private final List<Path> pids = new ArrayList<>();
  private final List<Path> clients = new ArrayList<>();
  private Path deregistered;
  private final Map<Profile, Path> profiles = new EnumMap<>(Profile.class);
  private int maxSessions;
  private int activationTimeoutSeconds = PartitionTargetConfig.DEFAULT_ACTIVATION_TIMEOUT_SECONDS;
  private int readTimeoutMillis = PartitionTargetConfig.DEFAULT_READ_TIMEOUT_MILLIS;
  private Responder responder = Responder.COMMAND_ECHO;
  private char[] poPin;

  public TargetFiles address(String host, int port) {
    this.host = host;
    this.port = port;
    return this;
  }

  public TargetFiles pid(Path file) {
    pids.add(file);
    return this;
  }

  public TargetFiles client(Path keyFile) {
    clients.add(keyFile);
    return this;
  }

  public TargetFiles deregistered(Path keyFile) {
    this.deregistered = keyFile;
    return this;
  }

  public TargetFiles profile(Profile profile, Path pid) {
    profiles.put(profile, pid);
    return this;
  }

  public TargetFiles maxSessions(int value) {
    this.maxSessions = value;
    return this;
  }

  public TargetFiles activationTimeoutSeconds(int value) {
    this.activationTimeoutSeconds = value;
    return this;
  }

  public TargetFiles readTimeoutMillis(int value) {
    this.readTimeoutMillis = value;
    return this;
  }

  public TargetFiles responder(Responder value) {
    this.responder = value;
    return this;
  }

  public TargetFiles poPin(char[] pin) {
    this.poPin = pin == null ? null : pin.clone();
    return this;
  }

  /** Reads every file; a missing or malformed one is an IOException naming it. */
  public PartitionTargetConfig load() throws IOException {
    List<Partition> partitions = new ArrayList<>();
    for (Path p : pids) {
      partitions.add(partition(p));
    }
    List<TestKeyFile> keys = new ArrayList<>();
    for (Path c : clients) {
      keys.add(TestKeyFile.read(c));
    }
    Map<Profile, Partition> byProfile = new EnumMap<>(Profile.class);
    for (Map.Entry<Profile, Path> e : profiles.entrySet()) {
      byProfile.put(e.getKey(), partition(e.getValue()));
    }
    Optional<TestKeyFile> gone = deregistered == null ? Optional.empty()
        : Optional.of(TestKeyFile.read(deregistered));
    try {
      return new PartitionTargetConfig(host, port, partitions, keys, gone, byProfile, maxSessions,
          activationTimeoutSeconds, readTimeoutMillis, responder, Optional.ofNullable(poPin));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static Partition partition(Path pid) throws IOException {
    try {
      IdentityFile f = IdentityFile.read(pid, IdentityKind.PARTITION);
      return new Partition(f.serial(), f.identity());
    } catch (IdentityFileException e) {
      throw new IOException(pid + ": " + e.getMessage(), e);
    }
  }
}
