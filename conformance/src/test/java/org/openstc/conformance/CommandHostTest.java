package org.openstc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CommandResponse;
import org.openstc.command.Requests;
import org.openstc.conformance.keys.TestKeyFile;
import org.openstc.conformance.partition.ActiveChannel;
import org.openstc.conformance.partition.PartitionCases;
import org.openstc.conformance.partition.PartitionTarget;
import org.openstc.conformance.partition.Responder;
import org.openstc.conformance.partition.TargetFiles;
import org.openstc.conformance.report.TextReport;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.KeyType;

/**
 * The suite against the real partition host (LMDB store, command service, ECHO through the
 * command protocol) with one x25519 partition and no profile partitions: the RETRY and
 * integrity-only cases get their settings through {@code -po-pin}; the cases that need what this
 * host was not given (other key types, a rekey threshold in records) are UNSUPPORTED, never passed.
 */
class CommandHostTest {
  private static final char[] PO_PIN = "po-pin-1234".toCharArray();

  @Test
  void suiteRunsAgainstThePartitionHostWithPoPin(@TempDir Path dir) throws Exception {
    CryptoProvider provider = CryptoProviders.jca();
    try (HostStore store = HostStore.create(dir.resolve("home"), "conformance",
        "conformance-so-pw".toCharArray(), new PinHasher(64, 1), false)) {
      long serial = store.partitions().create("conf", 1 << 20, KeyType.X25519).serial();
      store.updatePolicy(serial, p -> p.toBuilder().activationTimeoutSeconds(2).build());
      TestKeyFile client = TestKeyFile.generate("conf-client", KeyType.X25519, provider);
      client.write(dir.resolve("client.testkey"));
      store.registrations().register(serial, client.label(),
          client.toStaticKey(provider).identity());
      Partitions.identityFile(store.partitions().bySerial(serial)).write(dir.resolve("p.pid"));
      PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0)
          .withPreOpenTimeoutSeconds(2), provider);
      try {
        PartitionTarget target = new PartitionTarget(new TargetFiles()
            .address("127.0.0.1", host.port()).pid(dir.resolve("p.pid"))
            .client(dir.resolve("client.testkey")).activationTimeoutSeconds(2)
            .readTimeoutMillis(3000).responder(Responder.COMMAND_ECHO).poPin(PO_PIN).load(),
            provider);
        initialize(target);
        check(target);
      } finally {
        host.close();
      }
    }
  }

  private static void initialize(PartitionTarget target) throws Exception {
    try (ActiveChannel ch = target.activate(target.main())) {
      byte[] pin = new String(PO_PIN).getBytes(StandardCharsets.UTF_8);
      CommandResponse r = CommandResponse.decode(ch.call(
          Requests.partitionInit(1, "conformance", pin).encode()));
      assertTrue(r.isOk(), r.toString());
    }
  }

  private static void check(PartitionTarget target) {
    List<CaseResult> results = new Runner<>(target).run(PartitionCases.all(), c -> true);
    System.out.println(TextReport.render(target.describe(), results));
    Map<String, Verdict> verdicts = new TreeMap<>();
    List<String> failed = new ArrayList<>();
    for (CaseResult r : results) {
      verdicts.put(r.id(), r.verdict());
      if (r.verdict() == Verdict.FAIL && r.testCase().required()) {
        failed.add(r.id() + ": " + r.reason());
      }
    }
    assertEquals(List.of(), failed);
    for (String id : List.of("RETRY-001", "RETRY-002", "RETRY-003", "RETRY-004", "INTEG-001",
        "INTEG-002", "INTEG-003", "REC-003", "TIME-001", "TIME-002", "SUITE-004")) {
      assertEquals(Verdict.PASS, verdicts.get(id), id);
    }
    for (String id : List.of("SUITE-005", "KEY-004", "REKEY-001", "SESS-001", "IDENT-002")) {
      assertEquals(Verdict.UNSUPPORTED, verdicts.get(id), id);
    }
  }
}
