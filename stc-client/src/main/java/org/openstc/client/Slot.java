package org.openstc.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openstc.command.CkException;
import org.openstc.command.ClientBodies;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.CryptoBodies;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Page;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.command.StcSettings;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.PeerIdentity;

/**
 * A partition opened over STC: the partition commands as methods. Each call is one request on the
 * slot's channel; a CKR error result is thrown as {@link StcClientException} of kind COMMAND whose
 * cause is the {@link CkException}. PINs are passed as char[] and wiped by the caller. An HA
 * group's virtual slot is the one other kind ({@link HaSlot}, docs/ha.md): the same methods, over
 * the group's members.
 */
public sealed class Slot implements AutoCloseable permits HaSlot {
  private final SlotEntry entry;
  private final PartitionConnection connection;

  Slot(SlotEntry entry, PartitionConnection connection) {
    this.entry = entry;
    this.connection = connection;
  }

  public int number() {
    return entry.slot();
  }

  public long serial() {
    return entry.serial();
  }

  public PartitionConnection connection() {
    return connection;
  }

  /** True while the slot can carry commands (its channel is open). */
  public boolean isOpen() {
    return connection.isOpen();
  }

  /** Why the slot stopped carrying commands, or null. */
  public StcClientException failure() {
    return connection.failure();
  }

  public PartitionInfo info() throws StcClientException {
    return decode(call(Requests.partitionInfo(id())), PartitionInfo::decode);
  }

  public void initialize(String label, char[] soPin) throws StcClientException {
    byte[] pin = Pins.utf8(soPin);
    try {
      call(Requests.partitionInit(id(), label, pin));
    } finally {
      Arrays.fill(pin, (byte) 0);
    }
  }

  public void login(Role role, char[] pin) throws StcClientException {
    byte[] p = Pins.utf8(pin);
    try {
      call(Requests.login(id(), role, p));
    } finally {
      Arrays.fill(p, (byte) 0);
    }
  }

  public void logout() throws StcClientException {
    call(Requests.logout(id()));
  }

  public void changePin(char[] oldPin, char[] newPin) throws StcClientException {
    byte[] o = Pins.utf8(oldPin);
    byte[] n = Pins.utf8(newPin);
    try {
      call(Requests.changePin(id(), o, n));
    } finally {
      Arrays.fill(o, (byte) 0);
      Arrays.fill(n, (byte) 0);
    }
  }

  /** Sets the PIN of the Crypto Officer or Crypto User (Partition SO logged in). */
  public void initPin(Role role, char[] pin) throws StcClientException {
    byte[] p = Pins.utf8(pin);
    try {
      call(Requests.initPin(id(), role, p));
    } finally {
      Arrays.fill(p, (byte) 0);
    }
  }

  public ClientBodies.Entry registerClient(String label, PeerIdentity identity,
      String expectedFingerprint) throws StcClientException {
    call(Requests.clientRegister(id(), new ClientBodies.Register(label, identity,
        expectedFingerprint == null ? "" : expectedFingerprint)));
    return registered(label);
  }

  /**
   * Registers a client that must prove HTL on each channel (docs/protocol.md section 42); {@code
   * ottExpirySeconds} 0 is the host's default. Returns the one-time token file when {@code
   * generateOtt} (the caller writes it owner-only and wipes the bytes), else an empty array.
   */
  public byte[] registerClientHtl(String label, PeerIdentity identity, String expectedFingerprint,
      int ottExpirySeconds, boolean generateOtt) throws StcClientException {
    return call(Requests.clientRegisterHtl(id(), new ClientBodies.RegisterHtl(
        new ClientBodies.Register(label, identity, expectedFingerprint == null ? ""
            : expectedFingerprint), ottExpirySeconds, generateOtt)));
  }

  /** The entry of a client just registered. */
  public ClientBodies.Entry registered(String label) throws StcClientException {
    return listClients().stream().filter(c -> c.label().equals(label)).findFirst()
        .orElseThrow(() -> new StcClientException(StcClientException.Kind.CHANNEL,
            "registered client '" + label + "' is not listed", null));
  }

  public void deregisterClient(String label) throws StcClientException {
    call(Requests.clientDeregister(id(), label));
  }

  /**
   * Removes this client's own registration from the partition (CLIENT_DEREGISTER_SELF); the
   * partition then closes the channel, and the ALERT saying so counts as success.
   */
  public void deregisterSelf() throws StcClientException {
    try {
      call(Requests.clientDeregisterSelf(id()));
    } catch (StcClientException e) {
      if (e.kind() != StcClientException.Kind.NOT_REGISTERED) {
        throw e;
      }
    }
  }

  /** Every registered client (the partition answers in pages; this reads them all). */
  public List<ClientBodies.Entry> listClients() throws StcClientException {
    List<ClientBodies.Entry> all = new java.util.ArrayList<>();
    Page<ClientBodies.Entry> page;
    do {
      page = decode(call(Requests.clientList(id(), all.size())), ClientBodies::decodePage);
      all.addAll(page.entries());
    } while (!page.entries().isEmpty() && all.size() < page.total());
    return all;
  }

  /** The partition's identity file, as {@code stcconfig partitionidexport} writes it. */
  public IdentityFile exportIdentity() throws StcClientException {
    byte[] body = call(Requests.partitionIdExport(id()));
    try {
      return IdentityFile.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IdentityFileException e) {
      throw new StcClientException(StcClientException.Kind.CHANNEL,
          "partition returned an invalid identity file: " + e.getMessage(), null, e);
    }
  }

  public ChannelPolicy settings() throws StcClientException {
    return decode(call(Requests.settingsShow(id())), StcSettings::decode);
  }

  public ChannelPolicy set(StcSettings.Setting setting, long value) throws StcClientException {
    return decode(call(Requests.settingSet(id(), setting, value)), StcSettings::decode);
  }

  public long generate(ObjectType type, String label) throws StcClientException {
    return decode(call(Requests.generate(id(), type, label)), ObjectBodies::decodeU32);
  }

  /** Every key object (read page by page). */
  public List<ObjectBodies.Entry> objects() throws StcClientException {
    List<ObjectBodies.Entry> all = new java.util.ArrayList<>();
    Page<ObjectBodies.Entry> page;
    do {
      page = decode(call(Requests.listObjects(id(), all.size())), ObjectBodies::decodePage);
      all.addAll(page.entries());
    } while (!page.entries().isEmpty() && all.size() < page.total());
    return all;
  }

  /** The first object with {@code label}. */
  public Optional<ObjectBodies.Entry> findObject(String label) throws StcClientException {
    return objects().stream().filter(o -> o.label().equals(label)).findFirst();
  }

  /** Sets the partition's cloning domain from a secret (Partition SO logged in). */
  public void setCloningDomain(char[] secret) throws StcClientException {
    byte[] s = Pins.utf8(secret);
    try {
      call(Requests.cloningDomainSet(id(), s));
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  /** The object wrapped under the partition's cloning-domain key (OBJECT_EXPORT). */
  public byte[] exportWrapped(long handle) throws StcClientException {
    return call(Requests.objectExport(id(), handle));
  }

  /** Imports an object another partition of the same domain exported; returns its new handle. */
  public long importWrapped(byte[] wrapped) throws StcClientException {
    return decode(call(Requests.objectImportWrapped(id(), wrapped)), ObjectBodies::decodeU32);
  }

  public void destroy(long handle) throws StcClientException {
    call(Requests.destroy(id(), handle));
  }

  public byte[] publicKey(long handle) throws StcClientException {
    return call(Requests.publicKey(id(), handle));
  }

  public byte[] encrypt(long handle, byte[] plaintext, byte[] aad) throws StcClientException {
    return call(Requests.encrypt(id(), handle, plaintext, aad));
  }

  public byte[] decrypt(long handle, byte[] ciphertext, byte[] aad) throws StcClientException {
    return call(Requests.decrypt(id(), handle, ciphertext, aad));
  }

  public byte[] sign(long handle, byte[] data) throws StcClientException {
    return call(Requests.sign(id(), handle, data));
  }

  /** Verifies a signature; false if it does not verify, an exception for other errors. */
  public boolean verify(long handle, byte[] data, byte[] signature) throws StcClientException {
    try {
      call(Requests.verify(id(), handle, data, signature));
      return true;
    } catch (StcClientException e) {
      if (e.getCause() instanceof CkException
          && ((CkException) e.getCause()).result() == org.openstc.command.CkResult.CKR_SIGNATURE_INVALID) {
        return false;
      }
      throw e;
    }
  }

  /** Type, label, key id, public key (SPKI DER), creation time and value length of an object. */
  public ObjectBodies.Info objectInfo(long handle) throws StcClientException {
    return decode(call(Requests.objectInfo(id(), handle)), ObjectBodies.Info::decode);
  }

  /** Raw AES-GCM (SP 800-38D, no Tink prefix) with the caller's IV: ciphertext || tag. */
  public byte[] encryptGcm(long handle, byte[] iv, byte[] plaintext, byte[] aad, int tagBytes)
      throws StcClientException {
    return call(Requests.encryptGcm(id(), new CryptoBodies.Gcm(handle, iv, plaintext, aad, tagBytes)));
  }

  public byte[] decryptGcm(long handle, byte[] iv, byte[] ciphertextAndTag, byte[] aad, int tagBytes)
      throws StcClientException {
    return call(Requests.decryptGcm(id(), new CryptoBodies.Gcm(handle, iv, ciphertextAndTag, aad, tagBytes)));
  }

  /** ECDSA P-256 over {@code digest} as given (1..64 bytes, no hashing): raw r || s. */
  public byte[] signDigest(long handle, byte[] digest) throws StcClientException {
    return call(Requests.signDigest(id(), handle, digest));
  }

  /** Imports a 32-byte AES-256 key (Crypto Officer); the caller wipes {@code key}. */
  public long importAesKey(String label, byte[] key) throws StcClientException {
    return decode(call(Requests.importAesKey(id(), label, key)), ObjectBodies::decodeU32);
  }

  /** Creates a CERTIFICATE (DER X.509) or DATA object (Crypto Officer). */
  public long createObject(ObjectType type, String label, byte[] value) throws StcClientException {
    return decode(call(Requests.createObject(id(), type, label, value)), ObjectBodies::decodeU32);
  }

  /** The value of a certificate or data object. */
  public byte[] objectValue(long handle) throws StcClientException {
    return call(Requests.objectValue(id(), handle));
  }

  public byte[] random(int length) throws StcClientException {
    return call(Requests.random(id(), length));
  }

  public byte[] echo(byte[] data) throws StcClientException {
    return call(Requests.echo(id(), data));
  }

  /** Forces a key update of the channel now (both directions follow). */
  public void rekey() throws StcClientException {
    connection.channel().rekeyNow();
    echo(new byte[0]);
  }

  private long id() {
    return connection.nextId();
  }

  private byte[] call(CommandRequest request) throws StcClientException {
    CommandResponse r = connection.call(request);
    try {
      return r.bodyOrThrow();
    } catch (CkException e) {
      throw new StcClientException(StcClientException.Kind.COMMAND, e.describe(), null, e);
    }
  }

  private interface Decoder<T> {
    T decode(byte[] body) throws MalformedCommandException;
  }

  private <T> T decode(byte[] body, Decoder<T> decoder) throws StcClientException {
    try {
      return decoder.decode(body);
    } catch (MalformedCommandException e) {
      throw new StcClientException(StcClientException.Kind.CHANNEL,
          "malformed reply from partition " + serial() + ": " + e.getMessage(), null, e);
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
