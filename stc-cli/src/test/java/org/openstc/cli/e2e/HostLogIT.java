package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's log is a bounded set of owner-only files: a flood of rejected connections against a
 * real {@code stcsh service start} (at DEBUG, one line per rejected connection, so the flood
 * writes far more than the bound) leaves at most {@code -log-files} files of {@code -log-size}
 * bytes in HOME/log.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostLogIT {
  private static final int SIZE = 4096;
  private static final int FILES = 3;
  @TempDir Path dir;

  @Test
  void aFloodOfRejectedConnectionsKeepsTheLogDirectoryUnderItsBound() throws Exception {
    try (LiveHost host = LiveHost.start(dir, "", Map.of("STC_JAVA_OPTS",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug"), "-log-size", "4K", "-log-files",
        String.valueOf(FILES))) {
      Path log = host.hostHome().resolve("log");
      for (int i = 0; i < 600; i++) {
        garbage(host.port());
      }
      assertTrue(LiveHost.within(30_000, () -> Files.exists(log.resolve("host.log.2"))),
          "the flood rotated the log: " + listing(log));
      for (int i = 0; i < 300; i++) {
        garbage(host.port());
      }
      List<Path> files = listing(log);
      assertTrue(files.size() <= FILES, "at most " + FILES + " files: " + files);
      long total = 0;
      for (Path f : files) {
        long size = Files.size(f);
        assertTrue(size <= SIZE, f + " is " + size + " bytes");
        total += size;
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
      }
      assertTrue(total <= (long) FILES * SIZE, "total " + total);
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
      assertTrue(Files.readString(log.resolve("host.log.1")).contains("rejected"),
          "the rotated file holds the flood's lines");
    }
  }

  /** One connection that sends a frame type not legal before ACTIVATE and reads the REJECT. */
  private static void garbage(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {(byte) 0x7f, 0, 0, 1, 0});
      out.flush();
      InputStream in = s.getInputStream();
      in.readAllBytes();
    }
  }

  private static List<Path> listing(Path log) {
    try (Stream<Path> s = Files.list(log)) {
      return s.sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
