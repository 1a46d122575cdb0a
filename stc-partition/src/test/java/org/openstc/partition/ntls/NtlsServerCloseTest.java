package org.openstc.partition.ntls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;
import org.openstc.command.Requests;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.partition.server.ChannelCloses;
import org.openstc.partition.store.HostStore;
import org.openstc.stc.KeyType;

/**
 * A stopping NTLS server (a restart, {@code service stop}) owes each established link its closing
 * notice (docs/protocol.md section 37): the client reads the notice, then the end of the stream,
 * never the end alone, whichever event loop the link is on and however much it has not read yet.
 */
class NtlsServerCloseTest {
  private static final int LINKS = 32;
  @TempDir Path dir;
  private HostStore store;
  private NtlsServer server;
  private long serial;
  private TlsCertificates.Issued client;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @BeforeEach
  void start() throws Exception {
    store = NtlsServerTest.host(dir);
    serial = store.partitions().create("par1", 100_000, KeyType.X25519).serial();
    client = NtlsServerTest.registerClient1(store);
    server = NtlsServer.start(store, 0, NtlsServer.NO_PARTITION_FORCES_STC);
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
    server.close();
    store.close();
  }

  private CommandRequest bind() {
    return new CommandRequest(1, LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial));
  }

  private static void assertNoticeThenEnd(TlsTestClient c, String which) throws Exception {
    CommandResponse notice = c.read();
    assertEquals(LinkBodies.CLOSING_NOTICE_ID, notice.requestId(), which);
    assertEquals(CkResult.CKR_DEVICE_ERROR, notice.result(), which);
    assertThrows(EOFException.class, c::read, which + ": nothing after the notice");
  }

  @Test
  void everyOneOfManyLinksReadsTheNotice() throws Exception {
    List<TlsTestClient> links = new ArrayList<>();
    try {
      for (int i = 0; i < LINKS; i++) {
        TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1");
        links.add(c);
        // Answered, so established; bound and unbound links alike get the notice.
        CommandRequest first = i % 2 == 0 ? bind()
            : new CommandRequest(1, LinkBodies.LINK_LIST, new byte[0]);
        c.call(first).bodyOrThrow();
      }
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, threads);
      for (int i = 0; i < LINKS; i++) {
        assertNoticeThenEnd(links.get(i), "link " + i + " of " + LINKS);
        links.get(i).close(); // as a client does on the notice; the host waits for it (or a bound)
      }
      closing.get(1, TimeUnit.MINUTES);
    } finally {
      for (TlsTestClient c : links) {
        c.close();
      }
    }
  }

  @Test
  void aLinkWithRepliesUnreadGetsThemThenTheNotice() throws Exception {
    int size = 16 * 1024;
    AtomicBoolean stop = new AtomicBoolean();
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1", 32 * 1024)) {
      c.call(bind()).bodyOrThrow();
      // Sends without reading until the host stops reading (LinkPipelineTest): at the close the
      // link has requests unread and replies unsent; the notice comes after the replies written,
      // and the requests unread must not turn the close into a reset that loses it.
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
      }, threads);
      LinkPipelineTest.await(
          () -> writer.isDone() || server.openLinks().stream().anyMatch(l -> !l.reading()),
          "the host stops reading the link");
      assertFalse(writer.isDone(), "the host read 128 MiB from a client that read nothing");
      stop.set(true);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close, threads);
      try {
        // The client reads once close() is done or after a while: a close() that shuts its event
        // loops down at once has cut the link by then. One that waits for the notice still waits.
        closing.get(ChannelCloses.WAIT_MILLIS / 6, TimeUnit.MILLISECONDS);
      } catch (TimeoutException waitingForTheNotice) {
        // read now: the host writes the rest of the replies, the notice, and closes
      }
      CommandResponse r = c.read();
      for (long id = 2; r.requestId() != LinkBodies.CLOSING_NOTICE_ID; id++, r = c.read()) {
        assertEquals(id, r.requestId(), "the replies in order, then the notice");
        assertArrayEquals(payload(id, size), r.bodyOrThrow());
      }
      assertEquals(CkResult.CKR_DEVICE_ERROR, r.result());
      assertThrows(EOFException.class, c::read, "nothing after the notice");
      c.close();
      closing.get(1, TimeUnit.MINUTES);
      writer.get(1, TimeUnit.MINUTES); // the host read on after the notice: the close was no reset
    }
  }

  private static byte[] payload(long id, int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) id);
    return b;
  }
}
