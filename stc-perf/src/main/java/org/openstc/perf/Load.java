package org.openstc.perf;

import io.netty.channel.Channel;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StaticKeyAgreement;
import org.openstc.stc.Suite;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;

/** The three loads: windowed echo (figures a, b, c), handshake loop (d, f), blocking ping-pong. */
final class Load {
  /** Upper bound on replies per connection in one measurement, whatever the duration. */
  static final long MAX_REPLIES = 200_000_000L;

  private Load() {}

  /** Timing of one measurement: warm-up then measured window, in milliseconds. */
  record Timing(long warmupMillis, long measureMillis) {}

  /**
   * Replies per second over {@code conns} connections each keeping {@code window} messages of
   * {@code payload} bytes outstanding.
   */
  static double echoRate(PerfClient client, Target target, int payloadSize, int conns, int window,
      Timing t) throws Exception {
    return rate(client, target, target.message(payload(payloadSize)), conns, window, t);
  }

  /** Replies per second over {@code conns} connections each keeping {@code window} {@code message}s outstanding. */
  static double rate(PerfClient client, Target target, byte[] message, int conns, int window,
      Timing t) throws Exception {
    LongAdder replies = new LongAdder();
    List<Driver> drivers = new ArrayList<>();
    List<Channel> channels = new ArrayList<>();
    try {
      for (int i = 0; i < conns; i++) {
        Driver d = new Driver(message, window, MAX_REPLIES, replies);
        drivers.add(d);
        channels.add(client.connect(target, d));
      }
      for (Driver d : drivers) {
        d.ready.get(30, TimeUnit.SECONDS);
      }
      drivers.forEach(Driver::start);
      return perSecond(replies, t);
    } finally {
      drivers.forEach(Driver::stop);
      for (Channel c : channels) {
        c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Full handshakes per second: each of {@code parallel} threads connects, completes the handshake
   * and one 64-byte echo (so the server has accepted the client), and closes; again until the time
   * or {@code maxCount} is reached.
   */
  static double handshakeRate(PerfClient client, Target target, int parallel, long millis,
      long maxCount) throws Exception {
    byte[] message = target.message(payload(64));
    AtomicLong count = new AtomicLong();
    long deadline = System.nanoTime() + millis * 1_000_000L;
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    long t0 = System.nanoTime();
    for (int p = 0; p < parallel; p++) {
      Thread th = new Thread(() -> {
        try {
          while (System.nanoTime() < deadline && count.get() < maxCount) {
            Driver d = new Driver(message, 1, 1, new LongAdder());
            Channel ch = client.connect(target, d);
            try {
              d.ready.get(30, TimeUnit.SECONDS);
              d.start();
              d.done.get(30, TimeUnit.SECONDS);
            } finally {
              ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
            count.incrementAndGet();
          }
        } catch (Exception e) {
          errors.add(e);
        }
      }, "handshakes-" + p);
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    long t1 = System.nanoTime();
    if (!errors.isEmpty()) {
      throw new IllegalStateException(target + ": handshake loop failed", errors.get(0));
    }
    return count.get() * 1e9 / (t1 - t0);
  }

  /** Round trips per second of the blocking {@link StcConnection} client, one request at a time. */
  static double blockingRate(int port, long serial, PeerIdentity partition,
      StaticKeyAgreement clientKey, Suite suite, byte[] message, Timing t) throws Exception {
    Socket s = new Socket("127.0.0.1", port);
    s.setTcpNoDelay(true);
    s.setSoTimeout(30_000);
    try (StcConnection conn = StcConnection.connect(Transport.of(s),
        new ClientHandshake(CryptoProviders.tuned(), clientKey, serial, partition,
            List.of(suite)))) {
      long end = System.nanoTime() + t.warmupMillis() * 1_000_000L;
      while (System.nanoTime() < end) {
        conn.call(message);
      }
      long n = 0;
      long t0 = System.nanoTime();
      end = t0 + t.measureMillis() * 1_000_000L;
      long now;
      while ((now = System.nanoTime()) < end && n < MAX_REPLIES) {
        conn.call(message);
        n++;
      }
      return n * 1e9 / (now - t0);
    }
  }

  /** How fast {@code counter} grows over the measured window, after the warm-up. */
  static double perSecond(LongAdder counter, Timing t) throws InterruptedException {
    Thread.sleep(t.warmupMillis());
    long c0 = counter.sum();
    long t0 = System.nanoTime();
    Thread.sleep(t.measureMillis());
    long c1 = counter.sum();
    return (c1 - c0) * 1e9 / (System.nanoTime() - t0);
  }

  static byte[] payload(int size) {
    byte[] p = new byte[size];
    new java.util.Random(size).nextBytes(p);
    return p;
  }
}
