package org.openstc.cli.conformance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openstc.conformance.partition.PartitionTarget.Profile;
import org.openstc.conformance.partition.PartitionTargetConfig;
import org.openstc.conformance.partition.Responder;
import org.openstc.conformance.partition.TargetFiles;
import picocli.CommandLine.Option;

/** The options of {@code -target partition}; they only name files and values. */
public final class PartitionOptions {
  @Option(names = "-host", defaultValue = "127.0.0.1", description = "partition host address")
  String host;
  @Option(names = "-port", defaultValue = "5656", description = "partition host port")
  int port;
  @Option(names = "-pid", description = "partition identity file (.pid); repeat for one per key"
      + " type; the first is the main partition")
  List<Path> pids = new ArrayList<>();
  @Option(names = "-client", description = "registered client test key (.testkey, from keygen);"
      + " repeat for one per key type")
  List<Path> clients = new ArrayList<>();
  @Option(names = "-deregistered-client", description = "a test key that was registered on the"
      + " main partition and then deregistered")
  Path deregistered;
  @Option(names = "-retry-pid", description = "partition whose policy disallows AES-GCM")
  Path retryPid;
  @Option(names = "-rekey-pid", description = "partition with a small rekey threshold in records")
  Path rekeyPid;
  @Option(names = "-integrity-pid", description = "partition in integrity-only mode")
  Path integrityPid;
  @Option(names = "-sessions-pid", description = "partition with a small max-sessions setting")
  Path sessionsPid;
  @Option(names = "-max-sessions", defaultValue = "0", description = "that partition's max sessions")
  int maxSessions;
  @Option(names = "-activation-timeout", defaultValue = "60",
      description = "the host's activation timeout in seconds (default ${DEFAULT-VALUE})")
  int activationTimeoutSeconds;
  @Option(names = "-read-timeout-ms", defaultValue = "5000",
      description = "how long a case waits for one answer (default ${DEFAULT-VALUE})")
  int readTimeoutMillis;
  @Option(names = "-po-pin", arity = "0..1", interactive = true, description = "the main"
      + " partition's PO PIN: RETRY and integrity-only cases then configure it for their duration"
      + " (give no value to be prompted)")
  char[] poPin;
  @Option(names = "-responder", defaultValue = "command", description = "what echoes records:"
      + " command (the command protocol's ECHO, openstc hosts) or raw (an echo service)")
  String responder;

  PartitionTargetConfig load() throws IOException {
    TargetFiles f = new TargetFiles().address(host, port).maxSessions(maxSessions)
        .activationTimeoutSeconds(activationTimeoutSeconds).readTimeoutMillis(readTimeoutMillis)
        .responder(Responder.named(responder));
    if (poPin != null) {
      f.poPin(poPin);
      java.util.Arrays.fill(poPin, '\0');
    }
    pids.forEach(f::pid);
    clients.forEach(f::client);
    if (deregistered != null) {
      f.deregistered(deregistered);
    }
    profile(f, Profile.RETRY, retryPid);
    profile(f, Profile.REKEY, rekeyPid);
    profile(f, Profile.INTEGRITY, integrityPid);
    profile(f, Profile.SESSIONS, sessionsPid);
    return f.load();
  }

  private static void profile(TargetFiles f, Profile p, Path pid) {
    if (pid != null) {
      f.profile(p, pid);
    }
  }
}
