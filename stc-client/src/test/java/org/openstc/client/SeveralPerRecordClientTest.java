package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstc.command.ChannelFeatures;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Opcode;
import org.openstc.command.Requests;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.server.ChannelService;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.server.StcServer;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionEndpoint;

/**
 * The client side of several messages per record over real sockets (docs/protocol.md 24a): a
 * {@link PartitionConnection} asks for it after the handshake, and requests pipelined by several
 * threads all come back right whether the host grants it or, like an older host, answers
 * CHANNEL_FEATURES as an unknown opcode.
 */
class SeveralPerRecordClientTest {
  private static final long SERIAL = 4242;
  private final CryptoProvider provider = CryptoProviders.jca();
  private StcServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** A host answering ECHO and, for anything else, an unknown opcode (as a command service does). */
  private static ChannelService service(boolean allowsSeveral) {
    return new ChannelService() {
      @Override
      public byte[] handle(byte[] request) {
        long id = CommandRequest.peekRequestId(request);
        try {
          CommandRequest r = CommandRequest.decode(request);
          return r.opcode() == Opcode.ECHO ? CommandResponse.ok(id, r.body()).encode()
              : CommandResponse.error(id, CkResult.CKR_FUNCTION_NOT_SUPPORTED, "unknown opcode")
                  .encode();
        } catch (MalformedCommandException e) {
          return CommandResponse.error(id, CkResult.CKR_ARGUMENTS_BAD, "malformed").encode();
        }
      }

      @Override
      public boolean runsOnEventLoop(byte[] request) {
        return CommandRequest.peekOpcode(request) == Opcode.ECHO.code();
      }

      @Override
      public boolean allowsSeveralPerRecord() {
        return allowsSeveral;
      }
    };
  }

  private PartitionConnection connect(boolean allowsSeveral) throws Exception {
    InMemoryStaticKey partitionKey = InMemoryStaticKey.generate(KeyType.X25519, provider);
    InMemoryStaticKey client = InMemoryStaticKey.generate(KeyType.X25519, provider);
    InMemoryPeerRegistry registry = new InMemoryPeerRegistry().register("c", client.identity());
    PartitionEndpoint endpoint = new PartitionEndpoint(SERIAL, partitionKey, registry,
        ChannelPolicy.defaults());
    server = new StcServer(ServerConfig.defaults("127.0.0.1", 0), provider,
        serial -> serial == SERIAL ? Optional.of(endpoint) : Optional.empty(),
        (p, c, i) -> service(allowsSeveral)).start();
    PartitionConnection pc = PartitionConnection.open(provider,
        new InetSocketAddress("127.0.0.1", server.port()), client, SERIAL,
        partitionKey.identity(), Duration.ofSeconds(60));
    // Replies come in order: once this one is back, the answer to CHANNEL_FEATURES was handled.
    assertEquals(CkResult.CKR_OK, pc.call(Requests.echo(pc.nextId(), new byte[] {0})).result());
    return pc;
  }

  /** Four threads each pipeline 300 ECHOs of 1..200 bytes; every reply matches its request. */
  private static void pipelineFromThreads(PartitionConnection pc) throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int t = 0; t < 4; t++) {
      int seed = t;
      Thread th = new Thread(() -> {
        try {
          List<byte[]> bodies = new ArrayList<>();
          List<CompletableFuture<CommandResponse>> replies = new ArrayList<>();
          java.util.Random rnd = new java.util.Random(seed);
          for (int i = 0; i < 300; i++) {
            byte[] body = new byte[1 + rnd.nextInt(200)];
            rnd.nextBytes(body);
            bodies.add(body);
            replies.add(pc.submit(Requests.echo(pc.nextId(), body)));
          }
          for (int i = 0; i < bodies.size(); i++) {
            CommandResponse r = replies.get(i).get(60, TimeUnit.SECONDS);
            assertTrue(r.isOk(), r.toString());
            assertArrayEquals(bodies.get(i), r.body());
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    if (!errors.isEmpty()) {
      throw new AssertionError(errors.get(0));
    }
  }

  @Test
  void aHostThatGrantsItGetsPackedRequestsAndEveryReplyComesBack() throws Exception {
    try (PartitionConnection pc = connect(true)) {
      assertTrue(pc.packsSeveralPerRecord(), "the host granted CHANNEL_FEATURES");
      assertTrue(pc.channel().acceptsSeveralPerRecord());
      pipelineFromThreads(pc);
      assertTrue(pc.isOpen());
      long requests = 4 * 300 + 2;
      System.out.println("records sent " + pc.channel().recordsSent() + " received "
          + pc.channel().recordsReceived() + " for " + requests + " requests");
      assertTrue(pc.channel().recordsSent() <= requests);
    }
  }

  @Test
  void anOlderHostAnswersUnknownOpcodeAndEveryRequestKeepsItsOwnRecord() throws Exception {
    try (PartitionConnection pc = connect(false)) {
      assertFalse(pc.packsSeveralPerRecord());
      pipelineFromThreads(pc);
      assertTrue(pc.isOpen());
      assertEquals(4 * 300 + 2, pc.channel().recordsSent(), "one record per request");
    }
  }

  @Test
  void theFeatureRequestIsAnsweredByTheChannelLayerNotTheService() throws Exception {
    try (PartitionConnection pc = connect(true)) {
      CommandResponse r = pc.call(ChannelFeatures.request(pc.nextId(), 0x7));
      assertEquals(ChannelFeatures.SEVERAL_PER_RECORD, ChannelFeatures.granted(r),
          "unknown bits are not granted");
      CommandResponse bad = pc.call(new CommandRequest(pc.nextId(), ChannelFeatures.OPCODE,
          new byte[] {1, 2}));
      assertEquals(CkResult.CKR_ARGUMENTS_BAD, bad.result());
      assertTrue(pc.packsSeveralPerRecord(), "a malformed request withdraws nothing");
    }
  }
}
