package org.openstc.perf;

import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openstc.command.Requests;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StaticKeyAgreement;
import org.openstc.stc.Suite;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;

/**
 * Round-trip times of established channels: {@code channels} blocking {@link StcConnection}s, one
 * thread each, sending the ECHO command with a 64-byte payload one at a time and recording every
 * round trip. The channels stay open between measurements, so a figure can measure the same
 * channels with and without other load.
 */
final class EchoLatency implements AutoCloseable {
  /** Round trips kept per channel and measurement (later ones are not recorded). */
  private static final int MAX_SAMPLES = 1 << 21;
  private static final long STRAGGLER_NANOS = 30_000_000_000L;
  private final List<StcConnection> channels = new ArrayList<>();
  private final byte[] message = Requests.echo(1, Load.payload(64)).encode();

  /** Percentiles of one measurement, in microseconds, and round trips per second. */
  record Result(double p50, double p99, double max, double rate) {}

  EchoLatency(int count, int port, long serial, PeerIdentity partition,
      StaticKeyAgreement client) throws Exception {
    for (int i = 0; i < count; i++) {
      Socket s = new Socket("127.0.0.1", port);
      s.setTcpNoDelay(true);
      s.setSoTimeout(30_000);
      channels.add(StcConnection.connect(Transport.of(s),
          new ClientHandshake(CryptoProviders.tuned(), client, serial, partition,
              List.of(Suite.X25519_AESGCM_SHA256))));
    }
  }

  /** Runs every channel for {@code warmupMillis}, then records for {@code measureMillis}. */
  Result measure(long warmupMillis, long measureMillis) throws Exception {
    long start = System.nanoTime();
    long from = start + warmupMillis * 1_000_000L;
    long until = from + measureMillis * 1_000_000L;
    long[][] samples = new long[channels.size()][];
    int[] counts = new int[channels.size()];
    List<Thread> threads = new ArrayList<>();
    List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int c = 0; c < channels.size(); c++) {
      int ch = c;
      samples[ch] = new long[MAX_SAMPLES];
      Thread t = new Thread(() -> {
        try {
          long now = System.nanoTime();
          // A window shorter than one round trip (a token run on a loaded machine) still ends with
          // at least one round trip per channel started inside the window (within a hard bound).
          while (now < until || counts[ch] == 0 && now < until + STRAGGLER_NANOS) {
            channels.get(ch).call(message);
            long done = System.nanoTime();
            if (now >= from && counts[ch] < MAX_SAMPLES) {
              samples[ch][counts[ch]++] = done - now;
            }
            now = done;
          }
        } catch (Exception e) {
          errors.add(e);
        }
      }, "echo-latency-" + ch);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("echo channel failed", errors.get(0));
    }
    return summarize(samples, counts, measureMillis);
  }

  private static Result summarize(long[][] samples, int[] counts, long measureMillis) {
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < counts.length; c++) {
      System.arraycopy(samples[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    if (total == 0) {
      throw new IllegalStateException("no round trip completed in " + measureMillis + " ms");
    }
    return new Result(all[(int) (total * 0.50)] / 1e3, all[Math.min(total - 1,
        (int) (total * 0.99))] / 1e3, all[total - 1] / 1e3, total * 1000.0 / measureMillis);
  }

  @Override
  public void close() throws Exception {
    for (StcConnection c : channels) {
      c.close();
    }
  }
}
