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
  private final String htlName;
  private Role role;
  private long generation;
  private boolean htlProven;
  private byte[] htlNonce;

  Session(long serial, RegisteredPeer client, String htlName) {
    this.serial = serial;
    this.client = client;
    this.htlName = htlName;
  }

  /** The registration's HTL name when it requires HTL (docs/protocol.md 42), else null. */
  String htlName() {
    return htlName;
  }

  /** Whether commands must wait: the registration requires HTL and this channel has not proven. */
  synchronized boolean htlPending() {
    return htlName != null && !htlProven;
  }

  /** The host nonce of this channel's last accepted HTL_PROVE (null before one). */
  synchronized byte[] htlNonce() {
    return htlNonce;
  }

  synchronized void htlNonce(byte[] nonce) {
    this.htlNonce = nonce;
  }

  synchronized void htlProven() {
    this.htlProven = true;
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
