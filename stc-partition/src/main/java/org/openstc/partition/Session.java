package org.openstc.partition;

import java.util.Optional;
import org.openstc.command.Role;
import org.openstc.stc.PeerRegistry.RegisteredPeer;

/**
 * One channel's view of a partition: which partition, which registered client, and who is logged
 * in. Created by {@link CommandService#openSession} when a channel is activated and dropped with
 * the channel; logins never outlive it. Thread-safe (a channel may pipeline requests).
 */
public final class Session {
  private final long serial;
  private final RegisteredPeer client;
  private Role role;
  private long generation;

  Session(long serial, RegisteredPeer client) {
    this.serial = serial;
    this.client = client;
  }

  /** The serial of the partition this channel was opened to. */
  public long serial() {
    return serial;
  }

  /** The registered client on the other end of the channel. */
  public RegisteredPeer client() {
    return client;
  }

  /** The logged-in role, if its login is still valid for {@code currentGeneration}. */
  synchronized Optional<Role> role(long currentGeneration) {
    if (role != null && generation != currentGeneration) {
      role = null;
    }
    return Optional.ofNullable(role);
  }

  /** Logs {@code r} in unless someone already is (checked atomically); returns whether it did. */
  synchronized boolean tryLogin(Role r, long currentGeneration) {
    if (role(currentGeneration).isPresent()) {
      return false;
    }
    this.role = r;
    this.generation = currentGeneration;
    return true;
  }

  /** Forgets the login; returns whether someone was logged in. */
  synchronized boolean logout() {
    boolean was = role != null;
    role = null;
    return was;
  }

  @Override
  public String toString() {
    return "Session[" + serial + ", " + client.label() + "]";
  }
}
