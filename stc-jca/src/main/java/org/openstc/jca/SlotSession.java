package org.openstc.jca;

import java.security.ProviderException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openstc.client.HaConfig;
import org.openstc.client.Slot;
import org.openstc.client.SlotEntry;
import org.openstc.client.SlotNumbers;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.Role;

/**
 * The one channel a provider instance keeps to its partition, shared by every thread (a
 * {@link org.openstc.client.PartitionConnection} pipelines requests and matches replies by id),
 * or the HA group of a virtual slot, and the login on it. Opened on first use; {@link #close} ends it for good.
 */
final class SlotSession implements AutoCloseable {
  private final JcaConfig config;
  private StcClient client;
  private Slot slot;
  private Role loggedIn;
  private boolean closed;

  SlotSession(JcaConfig config) {
    this.config = config;
  }

  JcaConfig config() {
    return config;
  }

  /** The open slot, opening it (and logging in with the configured PIN file, if any) on first use. */
  synchronized Slot slot() throws StcClientException {
    if (closed) {
      throw new StcClientException(StcClientException.Kind.CONFIG, "the OpenSTC provider is closed", null);
    }
    if (slot != null && !slot.isOpen()) {
      StcClientException why = slot.failure();
      throw new StcClientException(StcClientException.Kind.CHANNEL, "the channel to partition " + slot.serial()
          + " is lost (" + (why == null ? "closed" : why.getMessage()) + "); load the KeyStore again", null, why);
    }
    if (slot == null) {
      open();
    }
    return slot;
  }

  /** Logs the configured role in with {@code pin}, replacing an earlier login. */
  synchronized void login(char[] pin) throws StcClientException {
    Slot s = slot();
    if (loggedIn != null) {
      s.logout();
      loggedIn = null;
    }
    s.login(config.role(), pin);
    loggedIn = config.role();
  }

  /** Whether a role is logged in; logs in with {@code pinFile} when none is and one is set. */
  synchronized boolean ensureLogin() throws StcClientException {
    if (loggedIn == null && config.pinFile() != null) {
      char[] pin = JcaConfig.secret(config.pinFile(), "PIN");
      try {
        login(pin);
      } finally {
        Arrays.fill(pin, '\0');
      }
    }
    return loggedIn != null;
  }

  private void open() throws StcClientException {
    char[] passphrase = JcaConfig.secret(config.passphraseFile(), "passphrase");
    // lmdbjava finds its native library through the context class loader; keytool and jarsigner
    // load the provider in a class loader of its own (-providerPath).
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    t.setContextClassLoader(SlotSession.class.getClassLoader());
    try {
      client = StcClient.open(config.home(), passphrase);
    } finally {
      t.setContextClassLoader(before);
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
    }
    try {
      slot = openConfiguredSlot();
    } finally {
      if (slot == null) {
        client.close();
        client = null;
      }
    }
    ensureLogin();
  }

  /**
   * {@code slot}: a slot number (an HA virtual slot's too), else a partition serial, else an HA
   * group label, else a partition label. With HA-only, group members' slots are refused.
   */
  private Slot openConfiguredSlot() throws StcClientException {
    String want = config.slot();
    List<SlotNumbers.AppSlot> slots = SlotNumbers.applicationSlots(config.home(), StcClient.DEFAULT_TIMEOUT);
    if (want.matches("\\d{1,19}")) {
      long n = Long.parseLong(want);
      if (slots.stream().anyMatch(s -> s.slot() == n)) {
        return client.openSlot((int) n);
      }
      Optional<SlotEntry> bySerial = client.config().slotForSerial(n);
      if (bySerial.isPresent() && !SlotNumbers.hidden(config.home(), n)) {
        return client.openPartition(n);
      }
    }
    for (SlotNumbers.AppSlot s : slots) {
      if (s.virtual() && s.group().label().equals(want)) {
        return client.openSlot(s.slot());
      }
    }
    for (SlotNumbers.AppSlot e : slots) {
      if (e.virtual()) {
        continue;
      }
      Slot s = client.openSlot(e.slot());
      if (s.info().label().equals(want)) {
        return s;
      }
      s.close();
    }
    throw new StcClientException(StcClientException.Kind.CONFIG, "no slot, partition serial, HA group or"
        + " partition label '" + want + "' in " + config.home() + (HaConfig.load(config.home()).haOnly()
        ? " (HA-only: the slots of HA group members are hidden)" : ""), "see stccm slot list");
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (slot != null) {
      slot.close();
      slot = null;
    }
    if (client != null) {
      client.close();
      client = null;
    }
    loggedIn = null;
  }

  /** The CKR code of a command failure, or null for other failures. */
  static CkResult result(StcClientException e) {
    return e.getCause() instanceof CkException ck ? ck.result() : null;
  }

  /** For the JCA methods that may only throw unchecked exceptions. */
  static ProviderException unchecked(String what, StcClientException e) {
    return new ProviderException(what + ": " + e.getMessage(), e);
  }
}
