package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;

/**
 * Descriptor exhaustion: the service runs with {@code ulimit -n 256}; 600 idle connections that
 * never send OPEN are held from eight loopback addresses (with a pre-OPEN timeout of 120 s, so
 * only the cap frees them). The pending cap derived from the limit ((256 - 64) / 2 = 96) closes
 * the oldest to admit the newest, so the host keeps descriptors for a legitimate client, which
 * connects and runs a command within {@link #BOUND_MILLIS}; the service's open descriptors stay
 * under the limit.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DescriptorReserveIT {
  static final long BOUND_MILLIS = 5_000;
  @TempDir Path dir;

  @Test
  void idleConnectionsHeldPastTheDescriptorLimitDoNotLockAClientOut() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try (LiveHost host = LiveHost.start(dir, "ulimit -n 256", Map.of(), "-pre-open-timeout",
        "120")) {
      for (int i = 0; i < 600; i++) {
        Socket s = new Socket();
        s.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0." + (2 + i % 8)), 0));
        s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), host.port()),
            10_000);
        idle.add(s);
      }
      long fds = descriptors(host.pid());
      assertTrue(fds < 256, "the service holds " + fds + " descriptors");
      try (StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
        client.enableServer(client.config().addServer("127.0.0.1", host.port(), null).id());
        long t0 = System.nanoTime();
        try (Slot slot = client.openSlot(0)) {
          assertArrayEquals(new byte[] {1, 2, 3}, slot.echo(new byte[] {1, 2, 3}));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(millis <= BOUND_MILLIS, "the client needed " + millis + " ms");
      }
      assertTrue(descriptors(host.pid()) < 256);
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  private static long descriptors(long pid) throws IOException {
    try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return s.count();
    }
  }
}
