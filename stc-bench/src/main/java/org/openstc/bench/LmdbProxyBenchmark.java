package org.openstc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openstc.store.LmdbStore;
import org.openstc.store.StoreConfig;
import org.openstc.store.Table;

/**
 * The stores' LMDB path with each buffer proxy, side by side in one run, on a real on-disk
 * environment (MDB_NOSYNC, as the host store's tests and benchmarks run it): {@code pinned} is
 * the byte[] proxy the stores used before ({@link PinnedByteArrayProxy}, lmdbjava called
 * directly), {@code direct} is stc-store as the stores use it now (lmdbjava's ByteBuffer proxy
 * {@code PROXY_OPTIMAL}, the thread's direct buffers, one copy out). One operation: {@link #get}
 * one read transaction with one get, {@link #put} one committed write transaction with one put,
 * {@link #get64} one read transaction with 64 gets (the per-call proxy cost without the
 * transaction's). Keys are 16 bytes; {@code size} is the value size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LmdbProxyBenchmark {
  static final int RECORDS = 1024;
  private static final long MAP_SIZE = 256L << 20;

  /** Reads and writes of {@code byte[]} keys and values, one transaction each. */
  interface Kv extends AutoCloseable {
    byte[] get(byte[] key) throws Exception;

    /** {@code keys.length} gets in one read transaction; the total length read. */
    long getAll(byte[][] keys) throws Exception;

    void put(byte[] key, byte[] value) throws Exception;

    @Override
    void close();
  }

  /** One environment with {@link #RECORDS} records for one proxy and value size. */
  @State(Scope.Thread)
  public static class Store {
    @Param({"pinned", "direct"})
    public String proxy;

    @Param({"64", "1024"})
    public int size;

    Path dir;
    Kv kv;
    byte[][] keys;
    byte[] value;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      dir = Files.createTempDirectory("stc-lmdb-bench");
      kv = proxy.equals("pinned") ? new Pinned(dir) : new Direct(dir);
      SplittableRandom random = new SplittableRandom(size);
      keys = new byte[RECORDS][16];
      value = new byte[size];
      random.nextBytes(value);
      for (byte[] key : keys) {
        random.nextBytes(key);
        kv.put(key, value);
      }
    }

    byte[] nextKey() {
      next = (next + 1) % RECORDS;
      return keys[next];
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      kv.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Benchmark
  public byte[] get(Store s) throws Exception {
    return s.kv.get(s.nextKey());
  }

  @Benchmark
  public byte[] put(Store s) throws Exception {
    byte[] key = s.nextKey();
    s.kv.put(key, s.value);
    return key;
  }

  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(64)
  public long get64(Store s) throws Exception {
    int from = s.next = (s.next + 64) % (RECORDS - 64);
    return s.kv.getAll(java.util.Arrays.copyOfRange(s.keys, from, from + 64));
  }

  /** lmdbjava with the former pinned byte[] proxy. */
  static final class Pinned implements Kv {
    private final Env<byte[]> env;
    private final Dbi<byte[]> dbi;

    Pinned(Path dir) {
      env = Env.create(PinnedByteArrayProxy.INSTANCE).setMapSize(MAP_SIZE).setMaxDbs(1)
          .open(dir.toFile(), 0600, EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC);
      dbi = env.openDbi("t", DbiFlags.MDB_CREATE);
    }

    @Override
    public byte[] get(byte[] key) {
      try (Txn<byte[]> txn = env.txnRead()) {
        return dbi.get(txn, key);
      }
    }

    @Override
    public long getAll(byte[][] keys) {
      long total = 0;
      try (Txn<byte[]> txn = env.txnRead()) {
        for (byte[] key : keys) {
          total += dbi.get(txn, key).length;
        }
      }
      return total;
    }

    @Override
    public void put(byte[] key, byte[] value) {
      try (Txn<byte[]> txn = env.txnWrite()) {
        dbi.put(txn, key, value);
        txn.commit();
      }
    }

    @Override
    public void close() {
      env.close();
    }
  }

  /** stc-store: direct buffers. */
  static final class Direct implements Kv {
    private final LmdbStore<IOException> store;
    private final Table table;

    Direct(Path dir) throws IOException {
      store = LmdbStore.open(dir, new StoreConfig("bench store", MAP_SIZE, 16, false, List.of("t")),
          (failure, message, cause) -> new IOException(message, cause));
      table = store.table("t");
    }

    @Override
    public byte[] get(byte[] key) throws IOException {
      return store.read("get", tx -> table.get(tx, key));
    }

    @Override
    public long getAll(byte[][] keys) throws IOException {
      return store.read("get all", tx -> {
        long total = 0;
        for (byte[] key : keys) {
          total += table.get(tx, key).length;
        }
        return total;
      });
    }

    @Override
    public void put(byte[] key, byte[] value) throws IOException {
      store.write("put", tx -> { table.put(tx, key, value); return null; });
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
