package org.openstc.perf;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.openstc.client.HaConfig;
import org.openstc.client.HaSlot;
import org.openstc.client.SlotNumbers;
import org.openstc.client.StcClient;
import org.openstc.client.Slot;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;

/**
 * Figure h (docs/performance.md, "HA groups"): operations per second through an HA group of 1, 2
 * and 3 members, each member a separate host process ({@link HaHost}), side by side with a direct
 * slot to member 0's partition, in one run, the order reversed on every other run. {@link #THREADS}
 * application threads each call the blocking client API in a loop. For every measurement the CPU
 * time each member host used is read from {@code /proc} (and the client's own), given as a share
 * of one core: with the rate it gives the CPU per operation of a member, from which the scaling on
 * hosts with their own cores can be estimated (a loopback box shares its cores among all of them).
 */
final class HaFigure {
  static final String FIGURE = "h";
  static final String DIRECT = "direct slot (member 0)";
  static final int MEMBERS = 3;
  static final int THREADS = 4;
  private static final byte[] AAD = new byte[0];

  /** The two single-part operations measured. */
  enum Op { ENCRYPT("AES-GCM encrypt 64 B"), SIGN("sign Ed25519 64 B");
    final String label;

    Op(String label) {
      this.label = label;
    }
  }

  private final PerfMain.Options o;
  private final Results results;

  HaFigure(PerfMain.Options o, Results results) {
    this.o = o;
    this.results = results;
  }

  static String group(int members) {
    return "HA " + members + (members == 1 ? " member" : " members");
  }

  static String kase(Op op) {
    return op.label + ", " + THREADS + " threads";
  }

  void run() throws Exception {
    try (HaMembers m = new HaMembers(MEMBERS)) {
      List<HaSlot> groups = new ArrayList<>();
      try (Slot direct = m.client.openPartition(m.serials.get(0))) {
        direct.login(Role.CO, HaMembers.CO_PIN);
        HaSlot all = virtualSlot(m, MEMBERS);
        all.generate(ObjectType.AES256, "perf-aes");
        all.generate(ObjectType.ED25519, "perf-ed");
        for (int k = 1; k < MEMBERS; k++) { // smaller groups: their first member defines the objects
          groups.add(virtualSlot(m, k));
        }
        groups.add(all);
        long directAes = direct.findObject("perf-aes").orElseThrow().handle();
        long directEd = direct.findObject("perf-ed").orElseThrow().handle();
        byte[] data = Load.payload(64);
        for (int run = 0; run < o.runs(); run++) {
          for (Op op : Op.values()) {
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3)); // 0: direct, k: k members
            if (run % 2 == 1) {
              Collections.reverse(order);
            }
            for (int k : order) {
              Slot s = k == 0 ? direct : groups.get(k - 1);
              long key = k == 0 ? (op == Op.ENCRYPT ? directAes : directEd)
                  : groups.get(k - 1).findObject(op == Op.ENCRYPT ? "perf-aes" : "perf-ed").orElseThrow().handle();
              Call call = op == Op.ENCRYPT ? () -> s.encrypt(key, data, AAD) : () -> s.sign(key, data);
              measure(m, op, k == 0 ? DIRECT : group(k), Math.max(k, 1), call);
            }
          }
        }
      } finally {
        groups.forEach(Slot::close);
      }
    }
  }

  /** The virtual slot of a group over the first {@code members} members, opened by number, CO logged in. */
  private static HaSlot virtualSlot(HaMembers m, int members) throws Exception {
    HaConfig config = HaConfig.load(m.client.home());
    config.create(group(members), m.serials.get(0));
    for (long s : m.serials.subList(1, members)) {
      config.addMember(group(members), s, false);
    }
    int n = SlotNumbers.haSlot(m.client.home(), group(members), StcClient.DEFAULT_TIMEOUT).orElseThrow();
    HaSlot slot = (HaSlot) m.client.openSlot(n);
    slot.login(Role.CO, HaMembers.CO_PIN);
    return slot;
  }

  /** One application call. */
  private interface Call {
    void run() throws Exception;
  }

  /** Rate of {@code call} on {@link #THREADS} threads; the CPU of the first {@code members} hosts. */
  private void measure(HaMembers m, Op op, String variant, int members, Call call) throws Exception {
    LongAdder done = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread th = new Thread(() -> {
        while (!stop.get()) {
          try {
            call.run();
            done.increment();
          } catch (Exception e) {
            failed.increment();
          }
        }
      }, "ha-load-" + t);
      threads.add(th);
      th.start();
    }
    try {
      Thread.sleep(o.warmupMillis());
      long[] cpu0 = cpu(m);
      long c0 = done.sum();
      long t0 = System.nanoTime();
      Thread.sleep(o.measureMillis());
      long c1 = done.sum();
      long wall = System.nanoTime() - t0;
      long[] cpu1 = cpu(m);
      results.add(FIGURE, kase(op), variant, "op/s", (c1 - c0) * 1e9 / wall);
      for (int i = 0; i < members; i++) {
        results.add(FIGURE, kase(op), variant + ": member " + i + " host CPU", "% core",
            100.0 * (cpu1[i] - cpu0[i]) / wall);
      }
      results.add(FIGURE, kase(op), variant + ": client CPU", "% core",
          100.0 * (cpu1[MEMBERS] - cpu0[MEMBERS]) / wall);
    } finally {
      stop.set(true);
      for (Thread th : threads) {
        th.join(30_000);
      }
    }
    if (failed.sum() > 0) {
      throw new IllegalStateException(variant + " " + op.label + ": " + failed.sum() + " operations failed");
    }
  }

  /** CPU nanoseconds of each member host, then of this process. */
  private static long[] cpu(HaMembers m) {
    long[] out = new long[MEMBERS + 1];
    for (int i = 0; i < MEMBERS; i++) {
      out[i] = ProcessCpu.nanos(m.pid(i));
    }
    out[MEMBERS] = ProcessCpu.nanos(ProcessHandle.current().pid());
    return out;
  }

  /** Each group size against the direct slot, run by run (1.00x: no HA overhead, no scaling). */
  static void printRatios(PrintStream out, Results results) {
    out.printf(Locale.ROOT, "%n| fig | case | variant / direct slot, median [min-max] |%n|---|---|---|%n");
    for (Op op : Op.values()) {
      for (int k = 1; k <= MEMBERS; k++) {
        List<Double> s = results.samples(FIGURE, kase(op), group(k));
        if (!s.isEmpty()) {
          out.printf(Locale.ROOT, "| %s | %s | %s: %s |%n", FIGURE, kase(op), group(k),
              Results.ratio(s, results.samples(FIGURE, kase(op), DIRECT)));
        }
      }
    }
  }
}
