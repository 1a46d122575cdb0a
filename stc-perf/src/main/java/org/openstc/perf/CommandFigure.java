package org.openstc.perf;

import io.netty.handler.ssl.SslContext;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.partition.store.HostStore;
import org.openstc.stc.KeyType;
import org.openstc.stc.Suite;

/**
 * Figure r (docs/performance.md, "Real commands"): each {@link CommandOp} through the partition
 * host's command service (a logged-in Crypto Officer, key objects of the partition), through a TLS
 * 1.3 server doing the same operation per message, and in process (the local limit), with one
 * outstanding request on one channel, 64 pipelined on one channel, and 64 pipelined on each of
 * {@link #CHANNELS} channels (in process: as many threads as channels).
 */
final class CommandFigure {
  static final String FIGURE = "r";
  static final int CHANNELS = 4;
  static final String TLS = "TLS 1.3 mutual + op";
  static final String STC = "STC cmd";
  static final String STC_WORKERS = "STC cmd on workers";
  static final String LOCAL = "in-process";
  private static final byte[] CO_PIN = "perf-co-pin-1".getBytes(StandardCharsets.US_ASCII);

  /** A load: channels (or threads) and requests outstanding on each. */
  record Shape(String label, int channels, int window) {}

  static final List<Shape> SHAPES = List.of(new Shape("1 ch x 1", 1, 1),
      new Shape("1 ch x 64", 1, 64), new Shape(CHANNELS + " ch x 64", CHANNELS, 64));

  private final PerfMain.Options o;
  private final Results results;
  private final StcFixture stc;
  private final SslContext serverTls;
  private final SslContext clientTls;

  CommandFigure(PerfMain.Options o, Results results, StcFixture stc, SslContext serverTls,
      SslContext clientTls) {
    this.o = o;
    this.results = results;
    this.stc = stc;
    this.serverTls = serverTls;
    this.clientTls = clientTls;
  }

  static String kase(CommandOp op, Shape shape) {
    return op.label + ", " + shape.label();
  }

  void run(PerfClient client) throws Exception {
    Suite suite = Suite.X25519_AESGCM_SHA256;
    StcFixture.Part part = stc.part(KeyType.X25519);
    Map<ObjectType, Long> keys = prepare(stc.store, part.serial());
    byte[] login = Requests.login(1, Role.CO, CO_PIN).encode();
    LocalOps local = new LocalOps();
    try (EchoServer tls = new EchoServer(serverTls, PerfMain.ioThreads(), new OpHandler(local))) {
      Target tlsT = Target.framed(TLS, tls.port(), clientTls);
      for (int run = 0; run < o.runs(); run++) {
        for (CommandOp op : CommandOp.values()) {
          byte[] request = op.request(keys.get(op.keyType)).encode();
          if (run == 0) {
            check(part, suite, login, request, op);
          }
          Target stcT = Target.stcCommand(STC, stc.host.port(), part.serial(), part.identity(),
              part.client(), suite, login, request);
          Target workersT = Target.stcCommand(STC_WORKERS, stc.hostOnWorkers.port(),
              part.serial(), part.identity(), part.client(), suite, login, request);
          for (Shape shape : SHAPES) {
            if (!selected(kase(op, shape))) {
              continue;
            }
            List<String> order = variants();
            if (run % 2 == 1) {
              Collections.reverse(order);
            }
            for (String variant : order) {
              double rate = switch (variant) {
                case TLS -> Load.rate(client, tlsT, tlsT.message(op.tlsPayload()),
                    shape.channels(), shape.window(), o.timing());
                case STC -> Load.rate(client, stcT, stcT.message(null), shape.channels(),
                    shape.window(), o.timing());
                case STC_WORKERS -> Load.rate(client, workersT, workersT.message(null),
                    shape.channels(), shape.window(), o.timing());
                default -> local.rate(op, shape.channels(), o.timing());
              };
              results.add(FIGURE, kase(op, shape), variant, "op/s", rate);
            }
          }
        }
      }
    }
  }

  /**
   * The variants in measuring order; with {@code -only TEXT}, the one named TEXT exactly, else
   * those whose name contains it ("STC cmd" alone is the host as shipped).
   */
  private static List<String> variants() {
    String only = System.getProperty("stc.perf.only");
    List<String> all = List.of(TLS, STC, STC_WORKERS, LOCAL);
    if (only == null) {
      return new ArrayList<>(all);
    }
    if (all.contains(only)) {
      return new ArrayList<>(List.of(only));
    }
    List<String> out = new ArrayList<>();
    for (String v : all) {
      if (v.contains(only)) {
        out.add(v);
      }
    }
    return out;
  }

  /** With {@code -case TEXT}, whether {@code kase} contains it; else every case. */
  private static boolean selected(String kase) {
    String only = System.getProperty("stc.perf.case");
    return only == null || kase.contains(only);
  }

  /** The host answers {@code request} with CKR_OK (the figure counts every reply as done). */
  private void check(StcFixture.Part part, Suite suite, byte[] login, byte[] request, CommandOp op)
      throws Exception {
    java.net.Socket socket = new java.net.Socket("127.0.0.1", stc.host.port());
    socket.setSoTimeout(30_000);
    try (StcConnection conn = StcConnection.connect(Transport.of(socket), new ClientHandshake(
        CryptoProviders.jca(), part.client(), part.serial(), part.identity(), List.of(suite)))) {
      for (byte[] r : List.of(login, request)) {
        CommandResponse answer = CommandResponse.decode(conn.call(r));
        if (answer.result() != CkResult.CKR_OK) {
          throw new IllegalStateException(op.label + ": the host answered " + answer);
        }
      }
    }
  }

  /** Initializes the partition, sets the Crypto Officer's PIN and makes one key of each type. */
  private static Map<ObjectType, Long> prepare(HostStore store, long serial) throws Exception {
    store.roles().initialize(serial, "perf", "perf-so-pin-1".getBytes(StandardCharsets.US_ASCII), false);
    store.roles().setPin(serial, Role.CO, CO_PIN);
    Map<ObjectType, Long> keys = new EnumMap<>(ObjectType.class);
    for (ObjectType type : List.of(ObjectType.AES256, ObjectType.EC_P256, ObjectType.ED25519)) {
      keys.put(type, store.objects().generate(serial, type, "perf-" + type.label()).handle());
    }
    return keys;
  }

  /**
   * STC against the in-process limit, run by run: the share of the local limit STC reaches; and
   * STC against the same host with every command on a worker (the effect of inline crypto).
   */
  static void printLimit(PrintStream out, Results results) {
    out.printf(Locale.ROOT, "%n| fig | case | STC cmd / in-process median [min-max] "
        + "| STC cmd / STC cmd on workers |%n|---|---|---|---|%n");
    for (CommandOp op : CommandOp.values()) {
      for (Shape shape : SHAPES) {
        String k = kase(op, shape);
        List<Double> s = results.samples(FIGURE, k, STC);
        if (!s.isEmpty()) {
          out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", FIGURE, k,
              Results.ratio(s, results.samples(FIGURE, k, LOCAL)),
              Results.ratio(s, results.samples(FIGURE, k, STC_WORKERS)));
        }
      }
    }
  }
}
