package org.openstc.cli.stccm.deploy;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openstc.cli.common.ExitCode;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.identity.IdentityKind;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;

/**
 * The STC one-step setup, after the SSH login: each partition's identity exported on the host,
 * fetched by scp and checked against the hash the host shows for it; the client token and
 * identity made when missing ({@link StcLocal}); the {@code .stcid} uploaded and registered on
 * each partition with {@code client register -hash} (the host compares the hash); the partition
 * identities registered in the token with the host's hashes (the client compares); the server
 * added and the links verified with {@code stc enable} and an {@code stc status} per partition.
 * Re-running it changes nothing that is already as asked.
 */
final class StcDeploy implements LinkDeploy {
  private static final String HASH = "Public Key Hash (SHA-256):";

  record Request(String server, String client, List<String> partitions, int stcPort,
      boolean force, boolean regen) {}

  /** A partition's identity as fetched, with the hash its host showed for it. */
  record Fetched(String name, IdentityFile pid, String hostHash) {}

  private final Request req;
  private final HostSteps host;
  private final StcLocal local;
  private final PrintWriter out;

  StcDeploy(Request req, HostSteps host, StcLocal local, PrintWriter out) {
    this.req = req;
    this.host = host;
    this.local = local;
    this.out = out;
  }

  @Override
  public void run(Path home) throws Exception {
    local.checkNotNtls(req.server());
    List<Fetched> partitions = new ArrayList<>();
    for (String p : req.partitions()) {
      partitions.add(fetch(p));
    }
    ClientIdentity id = local.identity(req.client(), keyType(partitions), req.regen());
    byte[] stcid = IdentityFile.client(id.label(), id.identity()).armoured()
        .getBytes(StandardCharsets.US_ASCII);
    host.upload("upload", stcid, stcidName());
    for (Fetched p : partitions) {
      register(p.name(), id);
    }
    for (Fetched p : partitions) {
      local.registerPartition(p, req.force());
    }
    int serverId = local.server(req.server(), req.stcPort());
    local.verify(serverId, partitions);
  }

  @Override
  public void undoLocal() {
    local.undo();
  }

  /** Shows the partition's identity, exports it into the area, fetches it, compares the two. */
  private Fetched fetch(String partition) throws DeployException {
    String step = "partition identity " + partition;
    HostLink.Result shown = host.run(step, "partition", "stcidentity", "show", "-partition",
        partition);
    String hash = line(shown, HASH).orElse("none");
    String serial = line(shown, "Partition identity of " + partition + " (serial")
        .map(s -> s.replace(")", "")).orElse("0");
    host.run(step, "partition", "stcidentity", "export", "-partition", partition);
    byte[] file = host.download(step, serial + ".pid", "");
    IdentityFile pid;
    try {
      pid = IdentityFile.parse(new String(file, StandardCharsets.US_ASCII));
      if (pid.kind() != IdentityKind.PARTITION) {
        throw new DeployException(step, ExitCode.INVALID_FILE, serial + ".pid is not a partition "
            + "identity");
      }
    } catch (IdentityFileException e) {
      throw new DeployException(step, ExitCode.INVALID_FILE, serial + ".pid from the host is not "
          + "a partition identity file: " + e.getMessage());
    }
    if (!pid.fingerprint().equals(hash) || !serial.equals(Long.toString(pid.serial()))) {
      throw new DeployException(step, ExitCode.HASH_MISMATCH, "the host shows serial " + serial
          + " hash " + hash + " for partition " + partition + " but " + serial + ".pid has serial "
          + pid.serial() + " hash " + pid.fingerprint());
    }
    out.printf("Fetched the identity of partition %s (serial %d, %s); its hash matches the "
        + "host's.%n", partition, pid.serial(), hash);
    return new Fetched(partition, pid, hash);
  }

  /** One key type for the client identity: that of every partition asked for. */
  private static KeyType keyType(List<Fetched> partitions) throws DeployException {
    KeyType type = partitions.get(0).pid().keyType();
    for (Fetched p : partitions) {
      if (p.pid().keyType() != type) {
        throw new DeployException("identity", ExitCode.KEY_TYPE_MISMATCH, "partition "
            + p.name() + " has a " + p.pid().keyType().label() + " identity, "
            + partitions.get(0).name() + " a " + type.label() + " one: one client identity "
            + "cannot reach both; deploy them separately from two client homes");
      }
    }
    return type;
  }

  /** {@code client register} of this identity on {@code partition} unless it is there already. */
  private void register(String partition, ClientIdentity id) throws DeployException {
    String step = "register " + partition;
    HostLink.Result list = host.run(step, "client", "list", "-partition", partition);
    List<String[]> rows = list.out().lines().map(l -> l.strip().split("\\s+"))
        .filter(f -> f.length == 4 && f[2].matches("[0-9a-f]{64}")).toList();
    for (String[] f : rows) {
      if (f[2].equals(id.fingerprint())) {
        out.printf("This client identity is registered on partition %s already (as %s).%n",
            partition, f[0]);
        return;
      }
    }
    for (String[] f : rows) {
      if (f[0].equals(req.client()) && !req.force()) {
        throw new DeployException("client name", ExitCode.ALREADY_EXISTS, "partition "
            + partition + " has a client " + req.client() + " with another identity (" + f[2]
            + "): give -force to replace it");
      }
      if (f[0].equals(req.client())) {
        host.run("client name", "client", "deregister", "-partition", partition, "-label",
            req.client());
        out.printf("Deregistered client %s (another identity) from partition %s (-force).%n",
            req.client(), partition);
      }
    }
    host.change(step, new String[] {"client", "deregister", "-partition", partition, "-label",
        req.client()}, "client", "register", "-partition", partition, "-label", req.client(),
        "-file", stcidName(), "-hash", id.fingerprint());
    out.printf("Registered client %s on partition %s; the host checked its hash (%s).%n",
        req.client(), partition, id.fingerprint());
  }

  private String stcidName() {
    return req.client() + ".stcid";
  }

  private static Optional<String> line(HostLink.Result r, String prefix) {
    return r.out().lines().filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip()).findFirst();
  }
}
