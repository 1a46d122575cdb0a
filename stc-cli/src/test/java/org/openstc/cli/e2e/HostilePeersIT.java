package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.Role;
import org.openstc.command.StcSettings.Setting;
import org.openstc.stc.wire.FrameType;

/**
 * Issue 22's hostile peers against one {@code bin/stcsh service start}, as real processes: a
 * registered client's OPEN replayed 1,100 times holds none of the partition's channel slots (its
 * maximum set to {@link #MAX_SESSIONS} here, so before the fix the replays took every one); frames
 * announcing 131 KB before ACTIVATE are refused at the header, and the service's memory does not
 * grow with them; after a {@code kill -9} whose pid another process now has, {@code service stop}
 * signals nothing; then a missing master key is refused, not replaced, and an out-of-range port is
 * a usage error. The host is shared; the {@code kill -9} comes after the network tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostilePeersIT {
  private static final int MAX_SESSIONS = 8;
  private static final int REPLAYS = 1_100;
  private static final int HUGE_FRAMES = 1_000;
  private static final int SOURCES = 8; // 127.0.0.2.., as the flood came from elsewhere
  private static final char[] PO_PIN = "po-pin-1234".toCharArray();
  @TempDir static Path dir;
  private LiveHost host;
  private StcClient client;
  private byte[] captured;

  @BeforeAll
  void aHostWithFewChannelSlotsAndASecondRegisteredClient() throws Exception {
    host = LiveHost.start(dir);
    client = StcClient.open(LiveHost.clientHome(dir), null);
    client.enableServer(client.config().addServer("127.0.0.1", host.port(), null).id());
    try (Slot slot = client.openSlot(0)) {
      slot.initialize("hostile", PO_PIN);
      slot.login(Role.PO, PO_PIN);
      slot.set(Setting.MAX_SESSIONS, MAX_SESSIONS);
      captured = CapturedOpen.ofNewClient(slot, "victim", dir.resolve("par1.pid"));
    }
  }

  @AfterAll
  void stop() throws Exception {
    client.close();
    host.close();
  }

  @Test
  @Order(1)
  void replayedOpensOfARegisteredClientHoldNoChannelSlot() throws Exception {
    List<Socket> held = new ArrayList<>();
    int answered = 0;
    try {
      for (int i = 0; i < REPLAYS; i++) {
        Socket s = connect(i);
        held.add(s);
        s.getOutputStream().write(captured);
        if (firstFrameType(s) == FrameType.OPEN_RESPONSE.code()) {
          answered++;
        }
      }
      assertTrue(answered > MAX_SESSIONS, "the replays are real OPENs: " + answered + " answered");
      // With the replays still held, the real client fills every channel slot and uses them.
      List<Slot> slots = new ArrayList<>();
      try {
        for (int i = 0; i < MAX_SESSIONS; i++) {
          slots.add(client.openSlot(0));
        }
        for (Slot slot : slots) {
          assertArrayEquals(new byte[] {7}, slot.echo(new byte[] {7}));
        }
      } finally {
        slots.forEach(Slot::close);
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  @Order(2)
  void framesAnnouncing131KbBeforeActivateAreRefusedAtTheHeader() throws Exception {
    long before = rssKiB();
    byte[] header = {(byte) FrameType.OPEN.code(), 0x02, 0x00, 0x00}; // 131,072 bytes announced
    byte[] body = new byte[64 * 1024];
    for (int i = 0; i < HUGE_FRAMES; i++) {
      try (Socket s = connect(i)) {
        s.getOutputStream().write(header);
        try {
          s.getOutputStream().write(body);
        } catch (IOException refused) {
          // The host may already have closed the connection: the body is never read.
        }
        assertTrue(refused(s), "frame " + i);
      }
    }
    long after = rssKiB();
    assertTrue(after - before < 64 * 1024, "service RSS " + before + " -> " + after + " KiB after "
        + HUGE_FRAMES + " frames of 131 KB (" + HUGE_FRAMES * 131 / 1024 + " MiB announced)");
    try (Slot slot = client.openSlot(0)) {
      assertArrayEquals(new byte[] {7}, slot.echo(new byte[] {7}));
    }
  }

  @Test
  @Order(3)
  void afterKill9ServiceStopSignalsNotTheProcessThatReusedThePid() throws Exception {
    Path record = host.hostHome().resolve("service.json");
    String json = Files.readString(record, StandardCharsets.UTF_8);
    host.kill9();
    Process stranger = new ProcessBuilder("sleep", "120").start();
    try { // The dead service's record, its pid now the stranger's (pid reuse, made certain).
      Files.writeString(record, json.replaceFirst("\"pid\":\\d+", "\"pid\":" + stranger.pid()));
      LiveHost.Run stop = host.run("service", "stop");
      assertEquals(ExitCode.NOT_RUNNING.code(), stop.status(), stop.out());
      assertTrue(stop.out().contains("stale service record for pid " + stranger.pid())
          && stop.out().contains("nothing was signalled"), stop.out());
      assertTrue(stranger.isAlive(), "service stop signalled an unrelated process");
      assertFalse(Files.exists(record), "the stale record is removed");
    } finally {
      stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(4)
  void aMissingMasterKeyIsRefusedNotReplaced() throws Exception {
    Path key = host.hostHome().resolve("master.key");
    Files.move(key, dir.resolve("master.key.elsewhere"));
    LiveHost.Run list = host.run("partition", "list");
    assertEquals(ExitCode.STORE_ERROR.code(), list.status(), list.out());
    assertTrue(list.out().contains("master key " + key + " is missing")
        && list.out().contains("nothing was changed"), list.out());
    assertFalse(Files.exists(key), "no new master key");
  }

  @Test
  @Order(5)
  void anOutOfRangePortIsAUsageErrorWithoutAStackTrace() throws Exception {
    LiveHost.Run start = host.run("service", "start", "-port", "70000");
    assertEquals(ExitCode.USAGE.code(), start.status(), start.out());
    assertTrue(start.out().contains("-port must be"), start.out());
    assertFalse(start.out().contains("\tat ") || start.out().contains("Exception"), start.out());
  }

  private Socket connect(int i) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), host.port(),
        InetAddress.getByName("127.0.0." + (2 + i % SOURCES)), 0);
    s.setSoTimeout(30_000);
    return s;
  }

  private long rssKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + host.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IOException("no VmRSS for " + host.pid());
  }

  /**
   * Whether the host refused what {@code s} sent: a REJECT, or the connection closed or reset (it
   * closes with our unread body in its buffer, which resets the connection). A host that reads the
   * body instead answers nothing: the read times out and the test fails.
   */
  private static boolean refused(Socket s) throws IOException {
    try {
      return firstFrameType(s) == FrameType.REJECT.code();
    } catch (java.io.EOFException | java.net.SocketException closed) {
      return true;
    }
  }

  /** Reads one frame; its type code. */
  private static int firstFrameType(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    int type = in.readUnsignedByte();
    in.readNBytes(in.readUnsignedByte() << 16 | in.readUnsignedShort());
    return type;
  }
}
