package org.openstc.client;

import java.util.List;
import java.util.Optional;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.ClientBodies;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Role;
import org.openstc.command.StcSettings;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.PeerIdentity;

/**
 * An HA group's virtual slot ("HA Virtual Card Slot", docs/ha.md): every {@link Slot} method over
 * the group. Single-part crypto and object queries go to the least-busy member with failover, key
 * management (generate, import, destroy) to every member, login and PIN change to every member,
 * information to one. Handles are the group's. Administration of a partition (initialize, client
 * registrations, channel settings, cloning) is refused here, as the vendor's virtual slot is for
 * crypto only: do it on each member's own slot.
 */
public final class HaSlot extends Slot {
  private final HaGroup group;
  private final StcClient client;
  private final List<Long> serials;

  HaSlot(SlotEntry entry, HaGroup group, StcClient client, List<Long> serials) {
    super(entry, null);
    this.group = group;
    this.client = client;
    this.serials = List.copyOf(serials);
  }

  /** The group behind the slot (members, failovers, recovery). */
  public HaGroup group() {
    return group;
  }

  private StcClientException administrative(String what) {
    return new StcClientException(StcClientException.Kind.COMMAND, what + " is not done on the HA"
        + " virtual slot " + number() + " (group " + group.label() + ")", "run it on each member's own slot",
        new CkException(CkResult.CKR_FUNCTION_NOT_SUPPORTED, ""));
  }

  /** An HA slot has a channel per member, not one: this fails. */
  @Override
  public PartitionConnection connection() {
    throw new UnsupportedOperationException("the HA virtual slot has one channel per member");
  }

  @Override
  public boolean isOpen() {
    return !group.closed();
  }

  @Override
  public StcClientException failure() {
    return null;
  }

  /** One member's PARTITION_INFO under the group's label and number (any reachable member). */
  @Override
  public PartitionInfo info() throws StcClientException {
    PartitionInfo p;
    int objects;
    try {
      p = group.balanced((s, m) -> s.info());
      objects = group.objects().size();
    } catch (StcClientException e) {
      p = anyMemberInfo(e); // before login: a member's own view
      objects = p.objects();
    }
    return new PartitionInfo(group.label(), serial(), group.label(), p.initialized(), p.keyType(),
        p.sizeBytes(), p.usedBytes(), p.clients(), objects, p.fingerprint());
  }

  private PartitionInfo anyMemberInfo(StcClientException why) throws StcClientException {
    for (long serial : serials) {
      try (Slot s = client.openPartition(serial)) {
        return s.info();
      } catch (StcClientException e) {
        why = e;
      }
    }
    throw why;
  }

  @Override
  public void initialize(String label, char[] soPin) throws StcClientException {
    throw administrative("partition initialization");
  }

  @Override
  public void login(Role role, char[] pin) throws StcClientException {
    group.login(role, pin);
  }

  @Override
  public void logout() {
    group.logout();
  }

  @Override
  public void changePin(char[] oldPin, char[] newPin) throws StcClientException {
    group.onEveryMember((s, m) -> {
      s.changePin(oldPin, newPin);
      return null;
    });
  }

  @Override
  public void initPin(Role role, char[] pin) throws StcClientException {
    throw administrative("initpin");
  }

  @Override
  public ClientBodies.Entry registerClient(String label, PeerIdentity identity, String expectedFingerprint)
      throws StcClientException {
    throw administrative("client registration");
  }

  @Override
  public byte[] registerClientHtl(String label, PeerIdentity identity, String expectedFingerprint,
      int ottExpirySeconds, boolean generateOtt) throws StcClientException {
    throw administrative("client registration");
  }

  @Override
  public void deregisterClient(String label) throws StcClientException {
    throw administrative("client deregistration");
  }

  @Override
  public void deregisterSelf() throws StcClientException {
    throw administrative("client deregistration");
  }

  @Override
  public List<ClientBodies.Entry> listClients() throws StcClientException {
    throw administrative("the client list");
  }

  @Override
  public ClientBodies.Entry registered(String label) throws StcClientException {
    throw administrative("the client list");
  }

  @Override
  public IdentityFile exportIdentity() throws StcClientException {
    throw administrative("the partition identity export");
  }

  @Override
  public ChannelPolicy settings() throws StcClientException {
    throw administrative("the channel settings");
  }

  @Override
  public ChannelPolicy set(StcSettings.Setting setting, long value) throws StcClientException {
    throw administrative("a channel setting");
  }

  @Override
  public void setCloningDomain(char[] secret) throws StcClientException {
    throw administrative("the cloning domain");
  }

  @Override
  public byte[] exportWrapped(long handle) throws StcClientException {
    throw administrative("object export");
  }

  @Override
  public long importWrapped(byte[] wrapped) throws StcClientException {
    throw administrative("wrapped object import");
  }

  @Override
  public long generate(ObjectType type, String label) throws StcClientException {
    return group.generate(type, label);
  }

  @Override
  public long importAesKey(String label, byte[] key) throws StcClientException {
    return group.importAesKey(label, key);
  }

  /** Certificate and data objects are not replicated in a group (docs/ha.md). */
  @Override
  public long createObject(ObjectType type, String label, byte[] value) throws StcClientException {
    throw administrative("a " + type.label() + " object (not replicated in a group)");
  }

  @Override
  public void destroy(long handle) throws StcClientException {
    group.destroy(handle);
  }

  @Override
  public List<ObjectBodies.Entry> objects() throws StcClientException {
    return group.objects();
  }

  @Override
  public Optional<ObjectBodies.Entry> findObject(String label) throws StcClientException {
    return objects().stream().filter(o -> o.label().equals(label)).findFirst();
  }

  @Override
  public ObjectBodies.Info objectInfo(long handle) throws StcClientException {
    return group.onObject(handle, (s, h) -> s.objectInfo(h));
  }

  @Override
  public byte[] objectValue(long handle) throws StcClientException {
    return group.onObject(handle, (s, h) -> s.objectValue(h));
  }

  @Override
  public byte[] publicKey(long handle) throws StcClientException {
    return group.onObject(handle, (s, h) -> s.publicKey(h));
  }

  @Override
  public byte[] encrypt(long handle, byte[] plaintext, byte[] aad) throws StcClientException {
    return group.onObject(handle, (s, h) -> s.encrypt(h, plaintext, aad));
  }

  @Override
  public byte[] decrypt(long handle, byte[] ciphertext, byte[] aad) throws StcClientException {
    return group.onObject(handle, (s, h) -> s.decrypt(h, ciphertext, aad));
  }

  @Override
  public byte[] sign(long handle, byte[] data) throws StcClientException {
    return group.onObject(handle, (s, h) -> s.sign(h, data));
  }

  @Override
  public boolean verify(long handle, byte[] data, byte[] signature) throws StcClientException {
    return group.onObject(handle, (s, h) -> s.verify(h, data, signature));
  }

  @Override
  public byte[] encryptGcm(long handle, byte[] iv, byte[] plaintext, byte[] aad, int tagBytes)
      throws StcClientException {
    return group.onObject(handle, (s, h) -> s.encryptGcm(h, iv, plaintext, aad, tagBytes));
  }

  @Override
  public byte[] decryptGcm(long handle, byte[] iv, byte[] ciphertextAndTag, byte[] aad, int tagBytes)
      throws StcClientException {
    return group.onObject(handle, (s, h) -> s.decryptGcm(h, iv, ciphertextAndTag, aad, tagBytes));
  }

  @Override
  public byte[] signDigest(long handle, byte[] digest) throws StcClientException {
    return group.onObject(handle, (s, h) -> s.signDigest(h, digest));
  }

  @Override
  public byte[] random(int length) throws StcClientException {
    return group.balanced((s, m) -> s.random(length));
  }

  @Override
  public byte[] echo(byte[] data) throws StcClientException {
    return group.balanced((s, m) -> s.echo(data));
  }

  /** A key update on every member's channel. */
  @Override
  public void rekey() throws StcClientException {
    group.onEveryMember((s, m) -> {
      s.rekey();
      return null;
    });
  }

  @Override
  public void close() {
    group.close();
  }
}
