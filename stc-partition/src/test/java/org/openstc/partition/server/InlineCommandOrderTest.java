package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.partition.CommandService;
import org.openstc.partition.host.CommandChannel;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.TestHost;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerRegistry.RegisteredPeer;
import org.openstc.stc.StcChannel;
import org.openstc.stc.wire.Frame;

/**
 * The partition host's command channel ({@link CommandChannel}) in the server: with a cached AES
 * key an ENCRYPT on an idle channel is answered on the event loop (no worker task), while a
 * pipelined mix of such operations and store commands keeps request order; a key destroyed on
 * another channel sends the next use to a worker, which refuses it. Workers are a {@link
 * TaskQueue}, so the test decides when they run.
 */
class InlineCommandOrderTest {
  static final byte[] DATA = {9, 8, 7};
  static final byte[] NO_AAD = new byte[0];
  static final byte[] CO_PIN = "co-pin-1234".getBytes(StandardCharsets.US_ASCII);
  @TempDir Path home;
  HostStore store;
  long serial;
  long aes;

  @BeforeEach
  void setUp() throws Exception {
    store = TestHost.open(home, new PinHasher(64, 1), false);
    serial = store.partitions().create("p", 1 << 20, KeyType.X25519).serial();
    store.roles().initialize(serial, "p", "so-pin-1234".getBytes(StandardCharsets.US_ASCII), false);
    store.roles().setPin(serial, Role.CO, CO_PIN);
    aes = store.objects().generate(serial, ObjectType.AES256, "k").handle();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  /** A host whose channels run the command service, with or without inline crypto. */
  EmbeddedHost host(boolean inlineCrypto) throws Exception {
    CommandService commands = new CommandService(store);
    EmbeddedHost[] made = new EmbeddedHost[1];
    made[0] = new EmbeddedHost(HandshakeLimits.defaults(), (p, c, i) -> new CommandChannel(commands,
        commands.openSession(serial, new RegisteredPeer("c", made[0].clientKey.identity())),
        inlineCrypto));
    store.registrations().register(serial, "c", made[0].clientKey.identity());
    return made[0];
  }

  static void send(EmbeddedChannel ch, StcChannel client, CommandRequest... requests)
      throws Exception {
    List<byte[]> records = new ArrayList<>();
    for (CommandRequest r : requests) {
      records.add(client.seal(r.encode()));
    }
    ch.writeInbound(EmbeddedHost.wrap(records.toArray(new byte[0][])));
  }

  static List<CommandResponse> replies(EmbeddedChannel ch, StcChannel client) throws Exception {
    List<CommandResponse> out = new ArrayList<>();
    for (Frame f : EmbeddedHost.frames(EmbeddedHost.written(ch))) {
      out.add(CommandResponse.decode(client.open(f).payload()));
    }
    return out;
  }

  static void settle(EmbeddedHost host, EmbeddedChannel ch) {
    host.workers.runAll();
    ch.runPendingTasks();
  }

  static void assertOk(List<CommandResponse> got, long... ids) {
    assertEquals(ids.length, got.size(), got::toString);
    for (int i = 0; i < ids.length; i++) {
      assertEquals(ids[i], got.get(i).requestId(), got::toString);
      assertEquals(CkResult.CKR_OK, got.get(i).result(), got.get(i)::toString);
    }
  }

  /** A connection and the client's side of its channel. */
  record Open(EmbeddedChannel ch, StcChannel client) {}

  /** A new channel where LOGIN (id 1) as the Crypto Officer and then {@code then} succeeded. */
  Open loggedIn(EmbeddedHost host, CommandRequest then) throws Exception {
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    send(ch, client, Requests.login(1, Role.CO, CO_PIN), then);
    settle(host, ch);
    assertOk(replies(ch, client), 1, then.requestId());
    return new Open(ch, client);
  }

  @Test
  void cachedOperationsRunInlineAndAPipelinedMixKeepsOrder() throws Exception {
    EmbeddedHost host = host(true);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    send(ch, client, Requests.login(1, Role.CO, CO_PIN), Requests.encrypt(2, aes, DATA, NO_AAD),
        Requests.listObjects(3), Requests.encrypt(4, aes, DATA, NO_AAD));
    assertNull(ch.readOutbound(), "all wait for the login on a worker");
    settle(host, ch);
    assertOk(replies(ch, client), 1, 2, 3, 4);

    send(ch, client, Requests.encrypt(5, aes, DATA, NO_AAD));
    assertEquals(0, host.workers.size(), "a cached key on an idle channel needs no worker");
    List<CommandResponse> inline = replies(ch, client);
    assertOk(inline, 5);

    send(ch, client, Requests.encrypt(6, aes, DATA, NO_AAD),
        Requests.generate(7, ObjectType.AES256, "k2"), Requests.encrypt(8, aes, DATA, NO_AAD),
        Requests.decrypt(9, aes, inline.get(0).body(), NO_AAD));
    assertOk(replies(ch, client), 6);
    settle(host, ch);
    List<CommandResponse> rest = replies(ch, client);
    assertOk(rest, 7, 8, 9);
    assertArrayEquals(DATA, rest.get(2).body());
  }

  @Test
  void aKeyDestroyedOnAnotherChannelIsRefusedOnTheNextUse() throws Exception {
    EmbeddedHost host = host(true);
    Open a = loggedIn(host, Requests.encrypt(2, aes, DATA, NO_AAD));
    loggedIn(host, Requests.destroy(2, aes));
    send(a.ch, a.client, Requests.encrypt(3, aes, DATA, NO_AAD));
    assertNull(a.ch.readOutbound(), "the store changed: the use goes to a worker");
    settle(host, a.ch);
    List<CommandResponse> got = replies(a.ch, a.client);
    assertEquals(1, got.size());
    assertEquals(CkResult.CKR_KEY_HANDLE_INVALID, got.get(0).result(), got::toString);
  }

  @Test
  void withoutInlineCryptoEveryCommandButEchoTakesAWorker() throws Exception {
    EmbeddedHost host = host(false);
    Open open = loggedIn(host, Requests.encrypt(2, aes, DATA, NO_AAD));
    EmbeddedChannel ch = open.ch;
    StcChannel client = open.client;
    send(ch, client, Requests.encrypt(3, aes, DATA, NO_AAD));
    assertNull(ch.readOutbound());
    settle(host, ch);
    assertOk(replies(ch, client), 3);
    send(ch, client, Requests.echo(4, DATA));
    assertOk(replies(ch, client), 4);
  }
}
