package org.openstc.partition.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures caused by peers that have not completed ACTIVATE: every one is counted by kind (an
 * {@code StcError} name, or a limit), and each kind is logged at most once per interval, with the
 * number seen since its previous line and the latest detail. A flood of bad OPENs therefore costs
 * one log line per kind and interval, not one per connection. Kinds come from fixed sets, so the
 * map stays small whatever peers send.
 */
final class FailureLog {
  private static final Logger LOG = LoggerFactory.getLogger(FailureLog.class);
  static final long DEFAULT_INTERVAL_SECONDS = 10;

  private final long intervalNanos;
  private final LongSupplier clock;
  private final Consumer<String> sink;
  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

  private static final class Kind {
    final LongAdder total = new LongAdder();
    boolean logged;
    long lastLine;
    long sinceLastLine;
  }

  /** Logs to SLF4J at WARN every {@value #DEFAULT_INTERVAL_SECONDS} s at most per kind. */
  FailureLog() {
    this(TimeUnit.SECONDS.toNanos(DEFAULT_INTERVAL_SECONDS), System::nanoTime, LOG::warn);
  }

  /** For tests: {@code clock} in nanoseconds, {@code sink} receives each line. */
  FailureLog(long intervalNanos, LongSupplier clock, Consumer<String> sink) {
    this.intervalNanos = intervalNanos;
    this.clock = clock;
    this.sink = sink;
  }

  /** Counts one failure of {@code kind} from {@code source}; logs it if the interval allows. */
  void record(String kind, Object source, String detail) {
    Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
    k.total.increment();
    String line = null;
    synchronized (k) {
      k.sinceLastLine++;
      long now = clock.getAsLong();
      if (!k.logged || now - k.lastLine >= intervalNanos) {
        line = String.format("unauthenticated peers: %s x%d since the previous line (%d in all); "
            + "latest from %s: %s", kind, k.sinceLastLine, k.total.sum(), source, detail);
        k.logged = true;
        k.lastLine = now;
        k.sinceLastLine = 0;
      }
    }
    if (line != null) {
      sink.accept(line);
    }
  }

  /** How many failures of each kind since the server started, by kind name. */
  Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    kinds.forEach((kind, k) -> out.put(kind, k.total.sum()));
    return out;
  }
}
