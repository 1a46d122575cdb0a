package org.openstc.partition;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Opcode;
import org.openstc.command.Role;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HostStoreListener;
import org.openstc.partition.store.PartitionCache;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.StoreException;
import org.openstc.stc.PeerRegistry.RegisteredPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition's command service, independent of any transport: the server hands it each
 * decrypted request of an activated channel and sends back what it returns. {@link #handle} never
 * throws for bad input; it answers every request, malformed ones with CKR_ARGUMENTS_BAD.
 * Thread-safe; the work runs on the caller's thread (call it off the event loop).
 */
public final class CommandService {
  private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);

  private final HostStore store;
  private final Map<Opcode, Handler> handlers = new EnumMap<>(Opcode.class);
  private final ConcurrentHashMap<Long, AtomicLong> generations = new ConcurrentHashMap<>();
  private final HtlProofs htl;
  private final ObjectCommands objects;

  public CommandService(HostStore store) {
    this.store = store;
    this.htl = new HtlProofs(store);
    new RoleCommands(store, this::generation).register(handlers);
    new ConfigCommands(store).register(handlers);
    this.objects = new ObjectCommands(store);
    objects.register(handlers);
    store.addListener(new HostStoreListener() {
      @Override
      public void partitionReinitialized(long serial) {
        generation(serial).incrementAndGet();
      }

      @Override
      public void partitionDeleted(long serial) {
        generation(serial).incrementAndGet();
      }
    });
  }

  /** A session for a channel that {@code client} opened to partition {@code serial}. */
  public Session openSession(long serial, RegisteredPeer client) {
    return new Session(serial, client, htl.required(serial, client));
  }

  /**
   * Whether a request is ECHO, which touches neither the store nor the session: cheap enough for
   * the server to answer on its I/O thread.
   */
  public static boolean isEcho(byte[] request) {
    return CommandRequest.peekOpcode(request) == Opcode.ECHO.code();
  }

  /** Runs one encoded request and returns the encoded response. */
  public byte[] handle(Session session, byte[] request) {
    return respond(session, request, false).encode();
  }

  /**
   * Answers {@code request} only if that needs no store read, else returns null having done
   * nothing (then call {@link #handle}): ECHO, a malformed or refused request, RANDOM of up to
   * {@link ObjectCommands#INLINE_RANDOM} bytes, and single-part operations (AES-GCM, signatures)
   * with a cached key while the partition's cached record is current. The checks are those of
   * {@link #handle}, on the same code path. For the server's I/O thread, which bounds the time it
   * spends here per read batch ({@code InlineBudget}).
   */
  public byte[] handleCached(Session session, byte[] request) {
    CommandResponse response = respond(session, request, true);
    return response == null ? null : response.encode();
  }

  CommandResponse respond(Session session, byte[] frame) {
    return respond(session, frame, false);
  }

  /** With {@code cachedOnly}, null where {@link #handleCached} does not answer. */
  private CommandResponse respond(Session session, byte[] frame, boolean cachedOnly) {
    long id = CommandRequest.peekRequestId(frame);
    try {
      CommandRequest request = CommandRequest.decode(frame);
      Opcode opcode = request.opcode();
      if (opcode == null) {
        return CommandResponse.error(id, CkResult.CKR_FUNCTION_NOT_SUPPORTED,
            "unknown opcode 0x" + Integer.toHexString(request.opcodeCode()));
      }
      if (opcode == Opcode.ECHO) {
        // No role and no partition state: answered without a store read (docs/protocol.md Part 2).
        return CommandResponse.okOwning(id, request.takeBody());
      }
      if (cachedOnly && !objects.mayRunCached(opcode)) {
        return null;
      }
      if (opcode == Opcode.HTL_PROVE || opcode == Opcode.HTL_CONFIRM) {
        return CommandResponse.okOwning(id, htl.run(session, opcode, request.takeBody()));
      }
      if (session.htlPending()) {
        throw HtlProofs.pending(session);
      }
      PartitionCache partitions = store.partitionCache();
      PartitionCache.View view = cachedOnly ? partitions.current(session.serial())
          : partitions.view(session.serial());
      if (view == null) {
        return null;
      }
      checkActivated(view);
      checkAccess(opcode, session, view.record());
      byte[] in = request.takeBody();
      byte[] body = cachedOnly ? objects.runCached(opcode, view, in)
          : objects.isKeyOperation(opcode) ? objects.runKeyOperation(opcode, view, in)
          : handlers.get(opcode).run(session, view.record(), in);
      // The response is encoded and dropped; nothing writes its body, so no copy is needed.
      return body == null ? null : CommandResponse.okOwning(id, body);
    } catch (MalformedCommandException e) {
      return CommandResponse.error(id, CkResult.CKR_ARGUMENTS_BAD, "malformed request: " + e.getMessage());
    } catch (CkException e) {
      return new CommandResponse(id, e.code(), e.getMessage(), new byte[0]);
    } catch (StoreException e) {
      return CommandResponse.error(id, e.result(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("command failed in {}", session, e);
      return CommandResponse.error(id, CkResult.CKR_GENERAL_ERROR, "internal error");
    }
  }

  /** A deactivated partition refuses every command but ECHO (docs/protocol.md Part 2). */
  private static void checkActivated(PartitionCache.View view) throws CkException {
    if (!view.activated()) {
      throw new CkException(CkResult.CKR_TOKEN_NOT_PRESENT, "partition " + view.record().name()
          + " is deactivated; the host administrator must run partition activate");
    }
  }

  private void checkAccess(Opcode opcode, Session session, PartitionRecord p) throws CkException {
    Opcode.Access access = opcode.access();
    if (access == Opcode.Access.ANYONE || access == Opcode.Access.INIT) {
      return;
    }
    if (!p.initialized()) {
      throw new CkException(CkResult.CKR_TOKEN_NOT_RECOGNIZED, "partition " + p.name()
          + " is not initialized (run partition init first)");
    }
    Optional<Role> role = role(session);
    boolean ok = switch (access) {
      case LOGGED_IN -> role.isPresent();
      case PO -> role.equals(Optional.of(Role.PO));
      case CO -> role.equals(Optional.of(Role.CO));
      case USER -> role.equals(Optional.of(Role.CO)) || role.equals(Optional.of(Role.CU));
      default -> true;
    };
    if (!ok) {
      throw new CkException(CkResult.CKR_USER_NOT_LOGGED_IN, opcode.name() + " requires "
          + describe(access) + " (logged in: " + role.map(Role::title).orElse("nobody") + ")");
    }
  }

  Optional<Role> role(Session session) {
    return session.role(generation(session.serial()).get());
  }

  private AtomicLong generation(long serial) {
    return generations.computeIfAbsent(serial, s -> new AtomicLong());
  }

  private static String describe(Opcode.Access access) {
    return switch (access) {
      case LOGGED_IN -> "a login";
      case PO -> "the Partition SO";
      case CO -> "the Crypto Officer";
      case USER -> "the Crypto Officer or the Crypto User";
      default -> access.name();
    };
  }
}
