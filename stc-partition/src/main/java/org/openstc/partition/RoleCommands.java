package org.openstc.partition;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Opcode;
import org.openstc.command.PinBody;
import org.openstc.command.Role;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.StoreException;

/** PARTITION_INFO, PARTITION_INIT, LOGIN, LOGOUT, CHANGE_PIN and INIT_PIN. */
final class RoleCommands {
  private static final byte[] EMPTY = new byte[0];
  private final HostStore store;
  private final LongFunction<AtomicLong> generations;

  RoleCommands(HostStore store, LongFunction<AtomicLong> generations) {
    this.store = store;
    this.generations = generations;
  }

  void register(Map<Opcode, Handler> handlers) {
    handlers.put(Opcode.PARTITION_INFO, (s, p, body) -> info(p, body));
    handlers.put(Opcode.PARTITION_INIT, this::init);
    handlers.put(Opcode.LOGIN, this::login);
    handlers.put(Opcode.LOGOUT, this::logout);
    handlers.put(Opcode.CHANGE_PIN, this::changePin);
    handlers.put(Opcode.INIT_PIN, this::initPin);
  }

  private byte[] info(PartitionRecord p, byte[] body) throws MalformedCommandException {
    requireEmpty(body);
    return Partitions.info(p).encode();
  }

  private byte[] init(Session s, PartitionRecord p, byte[] body)
      throws CkException, StoreException, MalformedCommandException {
    boolean reinit = p.initialized();
    if (reinit && !role(s).equals(Optional.of(Role.PO))) {
      throw new CkException(CkResult.CKR_USER_NOT_LOGGED_IN, "partition " + p.name()
          + " is already initialized; log in as the Partition SO to initialize it again");
    }
    try (PinBody pins = PinBody.decodeInit(body)) {
      store.roles().initialize(p.serial(), pins.label(), pins.pin(), reinit);
    }
    s.logout();
    return EMPTY;
  }

  private byte[] login(Session s, PartitionRecord p, byte[] body)
      throws CkException, StoreException, MalformedCommandException {
    try (PinBody pins = PinBody.decodeRolePin(body)) {
      checkNobodyLoggedIn(s, pins.role());
      store.roles().verify(p.serial(), pins.role(), pins.pin());
      if (!s.tryLogin(pins.role(), generations.apply(p.serial()).get())) {
        checkNobodyLoggedIn(s, pins.role());
      }
    }
    return EMPTY;
  }

  private void checkNobodyLoggedIn(Session s, Role wanted) throws CkException {
    Optional<Role> current = role(s);
    if (current.isPresent()) {
      CkResult r = current.get() == wanted ? CkResult.CKR_USER_ALREADY_LOGGED_IN
          : CkResult.CKR_USER_ANOTHER_ALREADY_LOGGED_IN;
      throw new CkException(r, "the " + current.get().title() + " is already logged in on this channel");
    }
  }

  private byte[] logout(Session s, PartitionRecord p, byte[] body)
      throws CkException, MalformedCommandException {
    requireEmpty(body);
    if (role(s).isEmpty() || !s.logout()) {
      throw new CkException(CkResult.CKR_USER_NOT_LOGGED_IN, "nobody is logged in on this channel");
    }
    return EMPTY;
  }

  private byte[] changePin(Session s, PartitionRecord p, byte[] body)
      throws StoreException, MalformedCommandException, CkException {
    Role role = role(s).orElseThrow(() ->
        new CkException(CkResult.CKR_USER_NOT_LOGGED_IN, "nobody is logged in on this channel"));
    try (PinBody pins = PinBody.decodeChange(body)) {
      store.roles().changePin(p.serial(), role, pins.pin(), pins.newPin());
    }
    return EMPTY;
  }

  private byte[] initPin(Session s, PartitionRecord p, byte[] body)
      throws StoreException, MalformedCommandException, CkException {
    try (PinBody pins = PinBody.decodeRolePin(body)) {
      if (pins.role() == Role.PO) {
        throw new CkException(CkResult.CKR_USER_TYPE_INVALID,
            "the Partition SO initializes the co and cu PINs; it changes its own with CHANGE_PIN");
      }
      store.roles().setPin(p.serial(), pins.role(), pins.pin());
    }
    return EMPTY;
  }

  private Optional<Role> role(Session s) {
    return s.role(generations.apply(s.serial()).get());
  }

  static void requireEmpty(byte[] body) throws MalformedCommandException {
    if (body.length != 0) {
      throw new MalformedCommandException("this command takes no body, got " + body.length + " bytes");
    }
  }
}
