package org.openstc.partition;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.ClientBodies;
import org.openstc.command.HtlToken;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Opcode;
import org.openstc.command.Page;
import org.openstc.command.StcSettings;
import org.openstc.command.StcSettings.Change;
import org.openstc.crypto.SecretBytes;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HtlSettings;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.StoreException;

/** The stcconfig commands: client registrations, identity export, STC settings. */
final class ConfigCommands {
  private final HostStore store;

  ConfigCommands(HostStore store) {
    this.store = store;
  }

  void register(Map<Opcode, Handler> handlers) {
    handlers.put(Opcode.CLIENT_REGISTER, (s, p, body) -> registerClient(p, body));
    handlers.put(Opcode.CLIENT_REGISTER_HTL, (s, p, body) -> registerHtl(p, body));
    handlers.put(Opcode.CLIENT_DEREGISTER, (s, p, body) -> {
      store.registrations().deregister(p.serial(), ClientBodies.decodeLabel(body));
      return new byte[0];
    });
    handlers.put(Opcode.CLIENT_DEREGISTER_SELF, (s, p, body) -> {
      RoleCommands.requireEmpty(body);
      store.registrations().deregister(p.serial(), s.client().label());
      return new byte[0];
    });
    handlers.put(Opcode.CLIENT_LIST, (s, p, body) -> ClientBodies.encodePage(Page.slice(
        store.registrations().list(p.serial()), Page.decodeStart(body), ClientBodies::encodedSize)));
    handlers.put(Opcode.PARTITION_ID_EXPORT, (s, p, body) -> {
      RoleCommands.requireEmpty(body);
      return Partitions.identityFile(p).armoured().getBytes(StandardCharsets.US_ASCII);
    });
    handlers.put(Opcode.STC_SETTINGS_SHOW, (s, p, body) -> {
      RoleCommands.requireEmpty(body);
      return StcSettings.encode(p.policy());
    });
    handlers.put(Opcode.STC_SETTING_SET, (s, p, body) -> setting(s, p, Change.decode(body)));
  }

  private byte[] registerClient(PartitionRecord p, byte[] body)
      throws MalformedCommandException, StoreException, CkException {
    ClientBodies.Entry e = register(p, ClientBodies.Register.decode(body));
    return ClientBodies.encodeList(List.of(e));
  }

  /**
   * CLIENT_REGISTER_HTL (docs/protocol.md section 42): the expiry is checked before anything is
   * written; the answer is the token file (the channel is the only way it leaves the host).
   */
  private byte[] registerHtl(PartitionRecord p, byte[] body)
      throws MalformedCommandException, StoreException, CkException {
    ClientBodies.RegisterHtl r = ClientBodies.RegisterHtl.decode(body);
    if (r.ottExpirySeconds() != 0) {
      try {
        HtlSettings.checkExpiry(r.ottExpirySeconds());
      } catch (IllegalArgumentException e) {
        throw new CkException(CkResult.CKR_ARGUMENTS_BAD, "OTT expiry: " + e.getMessage());
      }
    }
    String label = register(p, r.registration()).label();
    String name = store.htl().requireStc(p.serial(), label, r.ottExpirySeconds()).client();
    if (!r.generateOtt()) {
      return new byte[0];
    }
    HtlToken t = store.htl().generateOtt(name, System.currentTimeMillis());
    try {
      return t.encode();
    } finally {
      SecretBytes.wipe(t.token());
    }
  }

  private ClientBodies.Entry register(PartitionRecord p, ClientBodies.Register r)
      throws StoreException, CkException {
    if (!r.expectedFingerprint().isEmpty() && !r.identity().matchesFingerprint(r.expectedFingerprint())) {
      throw new CkException(CkResult.CKR_ARGUMENTS_BAD, "fingerprint mismatch: expected "
          + r.expectedFingerprint() + ", the identity's is " + r.identity().fingerprint());
    }
    return store.registrations().register(p.serial(), r.label(), r.identity());
  }

  private byte[] setting(Session s, PartitionRecord p, Change c) throws StoreException {
    return StcSettings.encode(store.changeSetting(p.serial(), c, "client " + s.client().label()
        + " over the channel (stcconfig)"));
  }
}
