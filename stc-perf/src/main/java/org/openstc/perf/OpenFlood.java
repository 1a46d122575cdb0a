package org.openstc.perf;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcException;

/**
 * Figure g's hostile peer, a child JVM: {@code openers} threads each loop connect, send a valid OPEN
 * from a random unregistered key (half name an unknown serial, half the real one, which costs the
 * host its DH; {@link #prepare}), read the answer to the end, close; {@code halfOpen} threads
 * each keep a connection that sent 2 bytes of a frame header and nothing more, reconnecting when
 * the host closes it. At most {@code openers + halfOpen} connections at a time: a bounded flood.
 * Prints {@code FLOODING}, and on {@code quit} (or end of input)
 * {@code FLOOD <answered OPENs> <elapsed ns> <half-open connections made>} and the REJECT codes.
 *
 * <pre>OpenFlood port serial partitionKeyHex openers halfOpen</pre>
 */
public final class OpenFlood {
  private static final CryptoProvider JCA = CryptoProviders.jca();
  private static final int OPENS = 256;
  private final byte[][] opens = new byte[OPENS][];
  private final int port;
  private final long serial;
  private final PeerIdentity partition;
  private final LongAdder answered = new LongAdder();
  private final LongAdder halfOpened = new LongAdder();
  private final Map<String, LongAdder> codes = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  private OpenFlood(int port, long serial, PeerIdentity partition) {
    this.port = port;
    this.serial = serial;
    this.partition = partition;
  }

  public static void main(String[] args) throws Exception {
    OpenFlood f = new OpenFlood(Integer.parseInt(args[0]), Long.parseLong(args[1]),
        PeerIdentity.of(KeyType.X25519, HexFormat.of().parseHex(args[2])));
    f.prepare();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < Integer.parseInt(args[3]); i++) {
      threads.add(f.thread("opener-" + i, f::openLoop));
    }
    for (int i = 0; i < Integer.parseInt(args[4]); i++) {
      threads.add(f.thread("half-open-" + i, f::halfOpenLoop));
    }
    long t0 = System.nanoTime();
    threads.forEach(Thread::start);
    System.out.println("FLOODING");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("quit");) {
      line = in.readLine();
    }
    f.stopped = true;
    long elapsed = System.nanoTime() - t0;
    Map<String, Long> tally = new TreeMap<>();
    f.codes.forEach((k, v) -> tally.put(k, v.sum()));
    System.out.println("FLOOD " + f.answered.sum() + " " + elapsed + " " + f.halfOpened.sum()
        + " " + tally);
    System.out.flush();
    System.exit(0); // half-open threads may be blocked in a read
  }

  private interface Loop {
    void run() throws Exception;
  }

  private Thread thread(String name, Loop loop) {
    Thread t = new Thread(() -> {
      while (!stopped) {
        try {
          loop.run();
        } catch (Exception e) {
          codes.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
        }
      }
    }, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Valid OPENs from random unregistered keys, made before the flood starts so that the flood
   * costs this process little CPU: half name the real serial (the host does its DH to find the key
   * unregistered), half a random unknown one. Sending one twice costs the host the same work.
   */
  private void prepare() throws Exception {
    for (int i = 0; i < OPENS; i++) {
      InMemoryStaticKey key = InMemoryStaticKey.generate(KeyType.X25519, JCA);
      long target = i % 2 == 0 ? serial : serial + 1 + ThreadLocalRandom.current().nextInt(1 << 30);
      opens[i] = new ClientHandshake(JCA, key, target, partition).start();
    }
  }

  private void openLoop() throws Exception {
    byte[] open = opens[ThreadLocalRandom.current().nextInt(OPENS)];
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(open);
      codes.computeIfAbsent(answer(new DataInputStream(s.getInputStream())),
          k -> new LongAdder()).increment();
      answered.increment();
    }
  }

  /** The host's answer: the REJECT code, else the frame type. */
  private static String answer(DataInputStream in) throws IOException, StcException {
    int type = in.readUnsignedByte();
    byte[] body = in.readNBytes(in.readUnsignedByte() << 16 | in.readUnsignedShort());
    return type == 0x7f ? Alerts.toException(body).error().name() : "frame " + type;
  }

  private void halfOpenLoop() throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      halfOpened.increment();
      s.getOutputStream().write(new byte[] {0x01, 0});
      s.getInputStream().readAllBytes(); // until the host's pre-OPEN timeout closes it
    }
  }
}
