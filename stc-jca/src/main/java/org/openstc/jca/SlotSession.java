package org.openstc.jca;

import java.security.ProviderException;
import java.util.Arrays;
import org.openstc.client.Slot;
import org.openstc.client.SlotEntry;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.Role;

/**
 * The one channel a provider instance keeps to its partition, shared by every thread (a
 * {@link org.openstc.client.PartitionConnection} pipelines requests and matches replies by id),
 * and the login on it. Opened on first use; {@link #close} ends it for good.
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
    if (slot != null && !slot.connection().isOpen()) {
      StcClientException why = slot.connection().failure();
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

  /** {@code slot}: a slot number, else a partition serial, else a partition label. */
  private Slot openConfiguredSlot() throws StcClientException {
    String want = config.slot();
    if (want.matches("\\d{1,19}")) {
      long n = Long.parseLong(want);
      if (n < Integer.MAX_VALUE && client.config().slot((int) n).isPresent()) {
        return client.openSlot((int) n);
      }
      if (client.config().slotForSerial(n).isPresent()) {
        return client.openPartition(n);
      }
    }
    for (SlotEntry e : client.config().slots()) {
      Slot s = client.openSlot(e.slot());
      if (s.info().label().equals(want)) {
        return s;
      }
      s.close();
    }
    throw new StcClientException(StcClientException.Kind.CONFIG, "no slot, partition serial or partition label '"
        + want + "' in " + config.home(), "see stccm slot list");
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
