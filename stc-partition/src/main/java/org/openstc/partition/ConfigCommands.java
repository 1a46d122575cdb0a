package org.openstc.partition;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.ClientBodies;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Opcode;
import org.openstc.command.Page;
import org.openstc.command.StcSettings;
import org.openstc.command.StcSettings.Change;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.StoreException;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.ChannelPolicy.Cipher;
import org.openstc.stc.ChannelPolicy.Hash;

/** The stcconfig commands: client registrations, identity export, STC settings. */
final class ConfigCommands {
  private final HostStore store;

  ConfigCommands(HostStore store) {
    this.store = store;
  }

  void register(Map<Opcode, Handler> handlers) {
    handlers.put(Opcode.CLIENT_REGISTER, (s, p, body) -> registerClient(p, body));
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
    handlers.put(Opcode.STC_SETTING_SET, (s, p, body) -> setting(p, Change.decode(body)));
  }

  private byte[] registerClient(PartitionRecord p, byte[] body)
      throws MalformedCommandException, StoreException, CkException {
    ClientBodies.Register r = ClientBodies.Register.decode(body);
    if (!r.expectedFingerprint().isEmpty() && !r.identity().matchesFingerprint(r.expectedFingerprint())) {
      throw new CkException(CkResult.CKR_ARGUMENTS_BAD, "fingerprint mismatch: expected "
          + r.expectedFingerprint() + ", the identity's is " + r.identity().fingerprint());
    }
    ClientBodies.Entry e = store.registrations().register(p.serial(), r.label(), r.identity());
    return ClientBodies.encodeList(List.of(e));
  }

  private byte[] setting(PartitionRecord p, Change c) throws StoreException, CkException {
    int value = (int) Math.min(c.value(), Integer.MAX_VALUE);
    boolean on = c.value() == 1;
    if (isSwitch(c.setting()) && c.value() > 1) {
      throw new CkException(CkResult.CKR_ARGUMENTS_BAD, c.setting() + " takes 0 (off) or 1 (on), not " + c.value());
    }
    ChannelPolicy updated = store.updatePolicy(p.serial(), old -> apply(old.toBuilder(), old, c, value, on).build());
    return StcSettings.encode(updated);
  }

  private static ChannelPolicy.Builder apply(ChannelPolicy.Builder b, ChannelPolicy old, Change c,
      int value, boolean on) {
    return switch (c.setting()) {
      case ACTIVATION_TIMEOUT -> b.activationTimeoutSeconds(value);
      case REPLAY_WINDOW -> b.replayWindow(value);
      case REKEY_THRESHOLD -> b.rekeyThreshold(value);
      case MAX_SESSIONS -> b.maxSessions(value);
      case INTEGRITY_ONLY -> b.integrityOnly(on);
      case CIPHER_AESGCM -> b.ciphers(toggle(old.ciphers(), Cipher.AESGCM, on, Cipher.class));
      case CIPHER_CHACHAPOLY -> b.ciphers(toggle(old.ciphers(), Cipher.ChaChaPoly, on, Cipher.class));
      case HASH_SHA256 -> b.hashes(toggle(old.hashes(), Hash.SHA256, on, Hash.class));
      case HASH_SHA512 -> b.hashes(toggle(old.hashes(), Hash.SHA512, on, Hash.class));
    };
  }

  private static <E extends Enum<E>> Set<E> toggle(Set<E> set, E e, boolean on, Class<E> type) {
    Set<E> out = EnumSet.noneOf(type);
    out.addAll(set);
    if (on) {
      out.add(e);
    } else {
      out.remove(e);
    }
    return out;
  }

  private static boolean isSwitch(StcSettings.Setting s) {
    return s.ordinal() >= StcSettings.Setting.INTEGRITY_ONLY.ordinal();
  }
}
