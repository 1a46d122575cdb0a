package org.openstc.partition.store;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.openstc.command.CkResult;
import org.openstc.command.HtlBodies;
import org.openstc.command.HtlToken;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.crypto.SecretBytes;
import org.openstc.store.Tx;

/**
 * HTL state of the {@code -requirehtl} NTLS clients in the store's {@code meta} table
 * ({@code htl/client/NAME}, {@code htl/settings}) and the exchange rules of docs/protocol.md
 * section 40, each applied in one write transaction. The token and the secrets are sealed by the
 * master key for {@code "openstc HTL " + NAME}; they leave this class only as tags.
 */
public final class HtlClients {
  private static final String CLIENT = "htl/client/";
  private static final byte[] SETTINGS = NtlsClients.key("htl/settings");
  private static final byte[] NONE = new byte[0];
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The longest HTL name: an STC name is a 64-character label, {@code @} and a serial. */
  private static final int NAME_MAX = 128;

  private final Lmdb db;
  private final HostKeys keys;
  private final NtlsClients ntls;

  HtlClients(Lmdb db, HostKeys keys, NtlsClients ntls) {
    this.db = db;
    this.keys = keys;
    this.ntls = ntls;
  }

  /** The result of a PROVE or CONFIRM: the reply body, or why it is refused. */
  public record Outcome(byte[] reply, String refusal, boolean cloneSuspected) {
    public boolean accepted() {
      return refusal == null;
    }
  }

  private record Row(HtlState s, byte[] ott, byte[] current, byte[] pending) {}

  /** Marks an NTLS client {@code -requirehtl}; {@code expirySeconds} 0 uses the default. */
  public HtlState require(String name, int expirySeconds) throws StoreException {
    ntls.get(name);
    if (expirySeconds != 0) {
      checked(() -> HtlSettings.checkExpiry(expirySeconds));
    }
    HtlState s = new HtlState(name, expirySeconds, false, 0, false, 0, false, 0, 0, false);
    return db.write(txn -> put(txn, new Row(s, NONE, NONE, NONE)).s());
  }

  /**
   * Marks STC registration {@code label} of partition {@code serial} {@code -requirehtl} (the
   * caller registered it); its HTL name is {@link HtlState#stcName}.
   */
  public HtlState requireStc(long serial, String label, int expirySeconds) throws StoreException {
    if (expirySeconds != 0) {
      checked(() -> HtlSettings.checkExpiry(expirySeconds));
    }
    HtlState s = new HtlState(HtlState.stcName(serial, label), expirySeconds, false, 0, false, 0,
        false, 0, 0, false);
    return db.write(txn -> put(txn, new Row(s, NONE, NONE, NONE)).s());
  }

  /** Forgets the HTL state of every STC registration of partition {@code serial}. */
  void forgetPartition(long serial) throws StoreException {
    String suffix = HtlState.stcName(serial, "");
    for (HtlState s : list()) {
      if (s.client().endsWith(suffix)) {
        forget(s.client());
      }
    }
  }

  public void forget(String name) throws StoreException {
    db.write(txn -> {
      db.meta.delete(txn, NtlsClients.key(CLIENT + name));
      return null;
    });
  }

  /** The client's state, empty when it does not require HTL. */
  public Optional<HtlState> state(String name) throws StoreException {
    return db.read(txn -> Optional.ofNullable(row(txn, name)).map(Row::s));
  }

  public List<HtlState> list() throws StoreException {
    return db.read(txn -> {
      List<HtlState> out = new ArrayList<>();
      for (byte[][] kv : db.meta.scan(txn, NtlsClients.key(CLIENT))) {
        out.add(decode(kv[1]).s());
      }
      return out;
    });
  }

  /** {@link #generateOtt(String, byte[], long)} with 32 bytes from {@code SecureRandom}. */
  public HtlToken generateOtt(String name, long now) throws StoreException {
    byte[] token = new byte[HtlBodies.LENGTH];
    RANDOM.nextBytes(token);
    try {
      return generateOtt(name, token, now);
    } finally {
      SecretBytes.wipe(token);
    }
  }

  /** A new token for the client: replaces any token and secret, clears "clone suspected". */
  public HtlToken generateOtt(String name, byte[] token, long now) throws StoreException {
    HtlSettings settings = settings();
    return db.write(txn -> {
      HtlState s = require(txn, name).s();
      int expiry = s.ottExpirySeconds() == 0 ? settings.defaultOttExpirySeconds() : s.ottExpirySeconds();
      long expires = now + expiry * 1000L;
      put(txn, new Row(new HtlState(name, s.ottExpirySeconds(), true, expires, false, 0, false, 0,
          0, false), seal(token, name), NONE, NONE));
      return new HtlToken(name, expires, token.clone());
    });
  }

  /** {@code htl clearott}: forgets the token (a link already up keeps its secret). */
  public void clearOtt(String name) throws StoreException {
    db.write(txn -> {
      Row r = require(txn, name);
      HtlState s = r.s();
      put(txn, new Row(new HtlState(name, s.ottExpirySeconds(), false, 0, false, s.counter(),
          s.linkUp(), s.lastExchangeMillis(), s.downSinceMillis(), s.cloneSuspected()), NONE,
          r.current(), r.pending()));
      return null;
    });
  }

  /** Applies the PROVE rules (section 40) with the host's {@code nonceH}. */
  public Outcome prove(String name, HtlBodies.Prove p, byte[] nonceH, long now)
      throws StoreException {
    int grace = settings().graceSeconds();
    return db.write(txn -> {
      Row r = row(txn, name);
      if (r == null) {
        return refuse("HTL is not required for client " + name + " (client register -requirehtl)");
      }
      HtlState s = r.s();
      byte[] key = null;
      try {
        if (p.kind() == HtlBodies.KIND_SECRET) {
          if (r.current().length == 0 && r.pending().length == 0) {
            return refuse("client " + name + " has no rolling secret yet: it needs a one-time token");
          }
          if (p.counter() == s.counter() + 1 && r.pending().length > 0
              && verifies(r.pending(), name, p)) {
            s = advanced(s, !s.stc(), now);
            r = new Row(s, r.ott(), r.pending(), NONE);
          }
          if (p.counter() != s.counter() || r.current().length == 0 || !verifies(r.current(), name, p)) {
            put(txn, flagged(r));
            return new Outcome(null, "stale secret (counter " + p.counter() + ", host at "
                + s.counter() + "): clone suspected", true);
          }
          if (!s.stc() && !s.linkUp() && now - s.downSinceMillis() > grace * 1000L) {
            return refuse("the link was down longer than the grace period (" + grace
                + " s): a new one-time token is needed");
          }
          key = unseal(r.current(), name);
        } else {
          if (!s.ott()) {
            return refuse("no one-time token is held for client " + name + " (htl generateott)");
          }
          if (s.ottConsumed()) {
            put(txn, flagged(r));
            return new Outcome(null, "one-time token already used: clone suspected", true);
          }
          if (now > s.ottExpiresMillis()) {
            return refuse("one-time token expired (htl generateott for a new one)");
          }
          if (p.counter() != 0 || !verifies(r.ott(), name, p)) {
            return refuse("one-time token does not match the one generated for client " + name);
          }
          key = unseal(r.ott(), name);
        }
        long next = s.counter() + 1;
        byte[] nextSecret = HtlBodies.nextSecret(key, p.nonce(), nonceH, next);
        try {
          put(txn, new Row(s, r.ott(), r.current(), seal(nextSecret, name)));
        } finally {
          SecretBytes.wipe(nextSecret);
        }
        return new Outcome(HtlBodies.accept(new HtlBodies.Accept(next, nonceH,
            HtlBodies.acceptTag(key, p.nonce(), nonceH, next))), null, false);
      } finally {
        SecretBytes.wipe(key);
      }
    });
  }

  /** Applies CONFIRM: the pending secret becomes current and the link is up. */
  public Outcome confirm(String name, HtlBodies.Confirm c, byte[] nonceH, long now)
      throws StoreException {
    return db.write(txn -> {
      Row r = require(txn, name);
      HtlState s = r.s();
      boolean ok = false;
      if (c.next() == s.counter() + 1 && r.pending().length > 0) {
        byte[] pending = unseal(r.pending(), name);
        ok = HtlBodies.same(c.tag(), HtlBodies.confirmTag(pending, nonceH));
        SecretBytes.wipe(pending);
      }
      if (!ok) {
        put(txn, flagged(r));
        return new Outcome(null, "stale confirmation (another instance advanced the secret): "
            + "clone suspected", true);
      }
      put(txn, new Row(advanced(s, !s.stc(), now), r.ott(), r.pending(), NONE));
      return new Outcome(HtlBodies.confirmed(), null, false);
    });
  }

  /** Records that the client's link went down at {@code now}. */
  public void linkDown(String name, long now) throws StoreException {
    db.write(txn -> {
      Row r = row(txn, name);
      if (r != null && r.s().linkUp()) {
        HtlState s = r.s();
        put(txn, new Row(new HtlState(name, s.ottExpirySeconds(), s.ott(), s.ottExpiresMillis(),
            s.ottConsumed(), s.counter(), false, s.lastExchangeMillis(), now, s.cloneSuspected()),
            r.ott(), r.current(), r.pending()));
      }
      return null;
    });
  }

  public HtlSettings settings() throws StoreException {
    return db.read(txn -> {
      byte[] v = db.meta.get(txn, SETTINGS);
      if (v == null) {
        return HtlSettings.DEFAULTS;
      }
      try {
        WireReader r = new WireReader(v);
        return new HtlSettings((int) r.u32(), (int) r.u32());
      } catch (MalformedCommandException | IllegalArgumentException e) {
        throw StoreException.corrupt("HTL settings", e);
      }
    });
  }

  /** Changes the settings; {@code change} may throw IllegalArgumentException for a bad value. */
  public HtlSettings updateSettings(UnaryOperator<HtlSettings> change) throws StoreException {
    HtlSettings old = settings();
    HtlSettings next = checked(() -> change.apply(old));
    db.write(txn -> {
      db.meta.put(txn, SETTINGS, new WireWriter().u32(next.graceSeconds())
          .u32(next.defaultOttExpirySeconds()).toByteArray());
      return null;
    });
    return next;
  }

  private static HtlState advanced(HtlState s, boolean up, long now) {
    return new HtlState(s.client(), s.ottExpirySeconds(), s.ott(), s.ottExpiresMillis(),
        s.ott(), s.counter() + 1, up, now, 0, s.cloneSuspected());
  }

  private static Row flagged(Row r) {
    HtlState s = r.s();
    return new Row(new HtlState(s.client(), s.ottExpirySeconds(), s.ott(), s.ottExpiresMillis(),
        s.ottConsumed(), s.counter(), s.linkUp(), s.lastExchangeMillis(), s.downSinceMillis(),
        true), r.ott(), r.current(), r.pending());
  }

  private boolean verifies(byte[] sealed, String name, HtlBodies.Prove p) throws StoreException {
    byte[] k = unseal(sealed, name);
    try {
      return HtlBodies.same(p.tag(), HtlBodies.proveTag(k, name, p.kind(), p.counter(), p.nonce()));
    } finally {
      SecretBytes.wipe(k);
    }
  }

  private static Outcome refuse(String why) {
    return new Outcome(null, why, false);
  }

  private byte[] seal(byte[] secret, String name) throws StoreException {
    return keys.seal(secret, "openstc HTL " + name);
  }

  private byte[] unseal(byte[] sealed, String name) throws StoreException {
    return keys.unseal(sealed, "openstc HTL " + name);
  }

  private Row require(Tx txn, String name) throws StoreException {
    Row r = row(txn, name);
    if (r == null) {
      throw StoreException.notFound("client " + name + " does not require HTL (client register"
          + " -requirehtl)");
    }
    return r;
  }

  private Row row(Tx txn, String name) throws StoreException {
    byte[] v = db.meta.get(txn, NtlsClients.key(CLIENT + name));
    return v == null ? null : decode(v);
  }

  private Row put(Tx txn, Row r) {
    HtlState s = r.s();
    db.meta.put(txn, NtlsClients.key(CLIENT + s.client()), new WireWriter().string(s.client())
        .u32(s.ottExpirySeconds()).bool(s.ott()).u64(s.ottExpiresMillis()).bool(s.ottConsumed())
        .u64(s.counter()).bool(s.linkUp()).u64(s.lastExchangeMillis()).u64(s.downSinceMillis())
        .bool(s.cloneSuspected()).bytes(r.ott()).bytes(r.current()).bytes(r.pending())
        .toByteArray());
    return r;
  }

  private static Row decode(byte[] v) throws StoreException {
    try {
      WireReader r = new WireReader(v);
      HtlState s = new HtlState(r.string(NAME_MAX), (int) r.u32(), r.bool(), r.u64(), r.bool(), r.u64(),
          r.bool(), r.u64(), r.u64(), r.bool());
      Row row = new Row(s, r.bytes(256), r.bytes(256), r.bytes(256));
      r.end();
      return row;
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("HTL client record", e);
    }
  }

  private static <T> T checked(java.util.function.Supplier<T> f) throws StoreException {
    try {
      return f.get();
    } catch (IllegalArgumentException e) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, e.getMessage());
    }
  }

  private static void checked(Runnable f) throws StoreException {
    checked(() -> {
      f.run();
      return null;
    });
  }
}
