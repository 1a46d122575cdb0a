package org.openstc.cli.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** {@code bin/vtl htl start} running in one client home; its status lines, awaited with deadlines. */
final class HtlAgentProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  HtlAgentProcess(NtlsHost host, Path home, String server, int port) throws IOException {
    process = host.vtlBackground(home, "htl", "start", "-n", server, "-port", String.valueOf(port),
        "-interval", "1");
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the agent ended
      }
    });
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits (deadline 30 s) until a status line contains {@code text}; false when none did. */
  boolean await(String text) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      if (saw(text)) {
        return true;
      }
      synchronized (this) {
        wait(50);
      }
    }
    return false;
  }

  /** Waits (deadline 30 s) until one of {@code agents} prints {@code text}. */
  static void firstToSee(String text, HtlAgentProcess... agents) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < end) {
      for (HtlAgentProcess a : agents) {
        if (a.saw(text)) {
          return;
        }
      }
      synchronized (HtlAgentProcess.class) {
        HtlAgentProcess.class.wait(50);
      }
    }
  }

  boolean saw(String text) {
    return lines.stream().anyMatch(l -> l.contains(text));
  }

  String output() {
    return String.join("\n", lines);
  }

  /** SIGKILL: the link drops without a goodbye, as a crashed or cut-off client. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
