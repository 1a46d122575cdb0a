package org.openstc.cli.e2e;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.openstc.store.LmdbStore;
import org.openstc.store.StorePages;

/**
 * What a running service process holds: open descriptors (/proc/PID/fd), threads
 * (/proc/PID/status), heap in use after a full GC (through the process's local JMX agent, started
 * over the attach API once: no {@code jcmd} process per sample) and the pages its store uses
 * ({@link LmdbStore#pages}, read from the file).
 */
final class SoakProbe implements AutoCloseable {
  private final long pid;
  private final Path store;
  private final VirtualMachine vm;
  private final JMXConnector jmx;
  private final MemoryMXBean memory;

  record Sample(long fds, long threads, long heapKiB, StorePages pages) {
    @Override
    public String toString() {
      return fds + " fds, " + threads + " threads, " + heapKiB / 1024 + " MiB heap after GC, "
          + "store " + pages;
    }
  }

  SoakProbe(long pid, Path store) throws Exception {
    this.pid = pid;
    this.store = store;
    this.vm = VirtualMachine.attach(Long.toString(pid));
    try {
      jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
      memory = ManagementFactory.newPlatformMXBeanProxy(jmx.getMBeanServerConnection(),
          ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
    } catch (Exception e) {
      vm.detach();
      throw e;
    }
  }

  Sample sample() throws Exception {
    return new Sample(fds(), threads(), heapAfterGc(), pages());
  }

  StorePages pages() throws IOException {
    return LmdbStore.pages(store);
  }

  /**
   * A sample once descriptors and threads are back within 8 of {@code warm} (closed connections
   * and idle pool threads take a moment), or the last one after 60 s.
   */
  Sample settled(Sample warm) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ((fds() > warm.fds() + 8 || threads() > warm.threads() + 8)
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return sample();
  }

  private long fds() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return s.count();
    }
  }

  private long threads() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("Threads:")) {
        return Long.parseLong(line.substring(8).trim());
      }
    }
    throw new IOException("no Threads line for " + pid);
  }

  private long heapAfterGc() {
    memory.gc(); // System.gc() in the service: a full collection
    return memory.getHeapMemoryUsage().getUsed() / 1024;
  }

  @Override
  public void close() throws IOException {
    try {
      jmx.close();
    } finally {
      vm.detach();
    }
  }
}
