package org.openstc.cli.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a running service process holds: open descriptors (/proc/PID/fd), threads
 * (/proc/PID/status) and heap in use after a full GC ({@code jcmd PID GC.run}, then
 * {@code GC.heap_info}).
 */
final class SoakProbe {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private final long pid;

  record Sample(long fds, long threads, long heapKiB) {
    @Override
    public String toString() {
      return fds + " fds, " + threads + " threads, " + heapKiB / 1024 + " MiB heap after GC";
    }
  }

  SoakProbe(long pid) {
    this.pid = pid;
  }

  Sample sample() throws Exception {
    return new Sample(fds(), threads(), heapAfterGc());
  }

  /**
   * A sample once descriptors and threads are back within 8 of {@code warm} (closed connections
   * and idle pool threads take a moment), or the last one after 60 s.
   */
  Sample settled(Sample warm) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Sample s = sample();
    while ((s.fds() > warm.fds() + 8 || s.threads() > warm.threads() + 8)
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(500);
      s = sample();
    }
    return s;
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

  private long heapAfterGc() throws Exception {
    jcmd("GC.run");
    Matcher m = USED.matcher(jcmd("GC.heap_info"));
    if (!m.find()) {
      throw new IOException("no heap figure from jcmd " + pid);
    }
    return Long.parseLong(m.group(1));
  }

  private String jcmd(String command) throws Exception {
    String home = System.getProperty("java.home");
    Process p = new ProcessBuilder(Path.of(home, "bin", "jcmd").toString(), String.valueOf(pid),
        command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("jcmd " + pid + " " + command + ": " + out);
    }
    return out;
  }
}
