package org.openstc.partition;

import org.openstc.partition.store.TestHost;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerRegistry.RegisteredPeer;

/** A host store with one partition, one registered client and a command service, for tests. */
final class Fixture implements AutoCloseable {
  static final byte[] SO_PIN = pin("so-pin-1234");
  static final byte[] CO_PIN = pin("co-pin-1234");
  static final byte[] CU_PIN = pin("cu-pin-1234");

  final HostStore store;
  final CommandService service;
  final long serial;
  final RegisteredPeer client;
  private final AtomicLong ids = new AtomicLong(1);

  private Fixture(HostStore store, long serial, RegisteredPeer client) {
    this.store = store;
    this.service = new CommandService(store);
    this.serial = serial;
    this.client = client;
  }

  /** Reopens an existing home with a new store and service (a host restart). */
  static Fixture reopen(Path home, long serial, RegisteredPeer client) throws Exception {
    return new Fixture(TestHost.open(home, new PinHasher(64, 1)), serial, client);
  }

  static Fixture create(Path home, long size) throws Exception {
    HostStore store = TestHost.open(home, new PinHasher(64, 1), false);
    long serial = store.partitions().create("part1", size, KeyType.X25519).serial();
    InMemoryStaticKey key = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    store.registrations().register(serial, "client1", key.identity());
    return new Fixture(store, serial, new RegisteredPeer("client1", key.identity()));
  }

  static byte[] pin(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  long id() {
    return ids.getAndIncrement();
  }

  Session session() {
    return service.openSession(serial, client);
  }

  CommandResponse call(Session s, CommandRequest request) throws Exception {
    CommandResponse r = CommandResponse.decode(service.handle(s, request.encode()));
    assertEquals(request.requestId(), r.requestId());
    return r;
  }

  byte[] ok(Session s, CommandRequest request) throws Exception {
    CommandResponse r = call(s, request);
    assertEquals(CkResult.CKR_OK, r.result(), () -> request + " -> " + r);
    return r.body();
  }

  CommandResponse expect(CkResult expected, Session s, CommandRequest request) throws Exception {
    CommandResponse r = call(s, request);
    assertEquals(expected, r.result(), () -> request + " -> " + r);
    return r;
  }

  /** Initializes the partition and sets the co and cu PINs; returns a logged-out session. */
  Session initialized() throws Exception {
    Session s = session();
    ok(s, Requests.partitionInit(id(), "label1", SO_PIN));
    ok(s, Requests.login(id(), Role.PO, SO_PIN));
    ok(s, Requests.initPin(id(), Role.CO, CO_PIN));
    ok(s, Requests.initPin(id(), Role.CU, CU_PIN));
    ok(s, Requests.logout(id()));
    return s;
  }

  Session loggedIn(Role role) throws Exception {
    Session s = session();
    byte[] pin = role == Role.PO ? SO_PIN : role == Role.CO ? CO_PIN : CU_PIN;
    ok(s, Requests.login(id(), role, pin));
    return s;
  }

  @Override
  public void close() {
    store.close();
  }
}
