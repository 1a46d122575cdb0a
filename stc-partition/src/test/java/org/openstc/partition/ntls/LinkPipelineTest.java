package org.openstc.partition.ntls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.partition.store.HostStore;
import org.openstc.stc.KeyType;

/**
 * Pipelined requests on bound NTLS links against one started server: the order of replies when
 * ECHO (answered on the event loop) and store commands (answered by the worker) alternate, a client
 * that sends without reading, and a malformed frame in the middle of a pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkPipelineTest {
  private HostStore store;
  private NtlsServer server;
  private long serial;
  private TlsCertificates.Issued client;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    store = NtlsServerTest.host(dir);
    serial = store.partitions().create("par1", 100_000, KeyType.X25519).serial();
    client = NtlsServerTest.registerClient1(store);
    server = NtlsServer.start(store, 0, NtlsServer.NO_PARTITION_FORCES_STC);
  }

  @AfterAll
  void stop() {
    server.close();
    store.close();
  }

  private TlsTestClient bound(int receiveBuffer) throws Exception {
    TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1", receiveBuffer);
    c.call(new CommandRequest(1, LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial)))
        .bodyOrThrow();
    return c;
  }

  /** Waits until {@code condition} holds, for at most 60 s (other NTLS tests use it too). */
  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // poll the condition, not a delay
    }
  }

  private static byte[] payload(long id, int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) id);
    return b;
  }

  /** Request {@code id} of the mixed pipeline: three kinds, so both paths alternate. */
  private static CommandRequest mixed(long id) {
    return switch ((int) (id % 4)) {
      case 0 -> Requests.partitionInfo(id);
      case 1 -> Requests.listObjects(id);
      default -> Requests.echo(id, payload(id, 1 + (int) (id % 300)));
    };
  }

  private void assertMixedReply(long id, CommandResponse r) throws Exception {
    assertEquals(id, r.requestId(), "replies in request order");
    switch ((int) (id % 4)) {
      case 0 -> assertEquals(serial, PartitionInfo.decode(r.bodyOrThrow()).serial());
      case 1 -> assertEquals(CkResult.CKR_TOKEN_NOT_RECOGNIZED, r.result(), r.message());
      default -> assertArrayEquals(payload(id, 1 + (int) (id % 300)), r.bodyOrThrow());
    }
  }

  @Test
  void echoMixedWithStoreCommandsIsAnsweredInRequestOrder() throws Exception {
    try (TlsTestClient c = bound(0)) {
      int n = 2 * LinkReplies.MAX_UNANSWERED + 11; // past the read pause and back
      for (long id = 2; id < 2 + n; id++) {
        c.send(mixed(id));
      }
      c.flush();
      for (long id = 2; id < 2 + n; id++) {
        assertMixedReply(id, c.read());
      }
    }
  }

  @Test
  void aClientThatSendsWithoutReadingIsNoLongerReadThenGetsEveryReply() throws Exception {
    int size = 16 * 1024;
    AtomicBoolean stop = new AtomicBoolean();
    try (TlsTestClient c = bound(32 * 1024)) {
      // Sends until told to stop (the host paused the link; without a pause it would read on and
      // buffer replies until the cap, 128 MiB, ends the test as failed).
      CompletableFuture<Long> writer = CompletableFuture.supplyAsync(() -> {
        long id = 2;
        try {
          for (; id < 8192 && !stop.get(); id++) {
            c.send(Requests.echo(id, payload(id, size)));
          }
          c.flush();
          return id;
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      await(() -> writer.isDone() || server.openLinks().stream().anyMatch(l -> !l.reading()),
          "the host stops reading the link");
      assertFalse(writer.isDone(), "the host read 128 MiB from a client that read nothing");
      stop.set(true);
      long id = 2;
      while (!writer.isDone() || id < writer.join()) {
        CommandResponse r = c.read();
        assertEquals(id, r.requestId());
        assertArrayEquals(payload(id, size), r.bodyOrThrow());
        id++;
      }
      await(() -> server.openLinks().stream().allMatch(LinkHandler::reading),
          "reading resumes once the replies are read");
    }
  }

  @Test
  void aMalformedFrameInAPipelineEndsOnlyThatLinkAfterAnsweringWhatCameBefore() throws Exception {
    try (TlsTestClient other = bound(0)) {
      for (long bad : new long[] {0, LinkBodies.MAX_FRAME + 1L}) {
        try (TlsTestClient c = bound(0)) {
          for (long id = 2; id < 8; id++) {
            c.send(mixed(id));
          }
          c.sendRaw(ByteBuffer.allocate(4).putInt((int) bad).array());
          c.send(Requests.echo(99, new byte[1]));
          c.flush();
          for (long id = 2; id < 8; id++) {
            assertMixedReply(id, c.read());
          }
          assertThrows(IOException.class, c::read, "the link ends after a length of " + bad);
        }
        CommandResponse still = other.call(Requests.echo(100, new byte[] {1, 2}));
        assertArrayEquals(new byte[] {1, 2}, still.bodyOrThrow(), "the other link is served");
      }
    }
  }
}
