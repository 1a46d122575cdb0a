package org.openstc.partition.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.openstc.command.CkResult;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.store.Tx;

/**
 * NTLS clients, their partition assignments and the NTLS settings, in the store's {@code meta}
 * table: {@code ntls/client/NAME} holds the client record, {@code ntls/fp/HEX} maps a certificate
 * fingerprint to its client (the TLS handshake's lookup), {@code ntls/settings} the settings,
 * {@code ntls/restart} how many NTLS restarts were asked for ({@code service restart ntls}).
 */
public final class NtlsClients {
  private static final String CLIENT = "ntls/client/";
  private static final String BY_FINGERPRINT = "ntls/fp/";
  private static final byte[] SETTINGS = key("ntls/settings");
  private static final byte[] RESTART = key("ntls/restart");
  private static final int MAX_CERT = 16 * 1024;

  private final Lmdb db;
  private final Partitions partitions;

  NtlsClients(Lmdb db, Partitions partitions) {
    this.db = db;
    this.partitions = partitions;
  }

  /** SHA-256 of {@code der}, lower-case hex: the client's fingerprint. */
  public static String fingerprint(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers a client by host name or IP (one of them empty) with its certificate (DER). */
  public NtlsClient register(String name, String hostname, String ip, byte[] certificate)
      throws StoreException {
    Partitions.checkName("client name", name);
    if (certificate.length > MAX_CERT) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "the certificate is larger than "
          + MAX_CERT + " bytes");
    }
    NtlsClient c = new NtlsClient(name, hostname, ip, "", certificate.clone(),
        fingerprint(certificate), System.currentTimeMillis(), List.of());
    return db.write(txn -> {
      if (db.meta.get(txn, key(CLIENT + name)) != null) {
        throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "client " + name
            + " is already registered (client delete -client " + name + " first)");
      }
      byte[] owner = db.meta.get(txn, key(BY_FINGERPRINT + c.fingerprint()));
      if (owner != null) {
        throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "this certificate is "
            + "already registered for client " + Bytes.utf8(owner));
      }
      put(txn, c);
      db.meta.put(txn, key(BY_FINGERPRINT + c.fingerprint()), Bytes.utf8(name));
      return c;
    });
  }

  public NtlsClient delete(String name) throws StoreException {
    return db.write(txn -> {
      NtlsClient c = require(txn, name);
      db.meta.delete(txn, key(CLIENT + name));
      db.meta.delete(txn, key(BY_FINGERPRINT + c.fingerprint()));
      return c;
    });
  }

  public NtlsClient get(String name) throws StoreException {
    return db.read(txn -> require(txn, name));
  }

  /** The client presenting the certificate with {@code fingerprint}, if registered. */
  public Optional<NtlsClient> byFingerprint(String fingerprint) throws StoreException {
    return db.read(txn -> {
      byte[] name = db.meta.get(txn, key(BY_FINGERPRINT + fingerprint));
      return name == null ? Optional.empty() : Optional.of(require(txn, Bytes.utf8(name)));
    });
  }

  /** Every client, in name order. */
  public List<NtlsClient> list() throws StoreException {
    return db.read(txn -> {
      List<NtlsClient> out = new ArrayList<>();
      for (byte[][] kv : db.meta.scan(txn, key(CLIENT))) {
        out.add(decode(kv[1]));
      }
      return out;
    });
  }

  /** Assigns partition {@code partition} to the client; returns its serial. */
  public long assign(String name, String partition) throws StoreException {
    return changePartitions(name, partition, true);
  }

  /** Revokes partition {@code partition} from the client; returns its serial. */
  public long revoke(String name, String partition) throws StoreException {
    return changePartitions(name, partition, false);
  }

  private long changePartitions(String name, String partition, boolean add) throws StoreException {
    return db.write(txn -> {
      NtlsClient c = require(txn, name);
      long serial = partitions.get(txn, partition).serial();
      TreeSet<Long> serials = new TreeSet<>(c.partitions());
      boolean changed = add ? serials.add(serial) : serials.remove(serial);
      if (!changed) {
        throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "partition " + partition + " is "
            + (add ? "already" : "not") + " assigned to client " + name);
      }
      put(txn, c.withPartitions(new ArrayList<>(serials)));
      return serial;
    });
  }

  /** {@code client hostip map|unmap}: {@code ip} empty removes the mapping. */
  public NtlsClient mapIp(String name, String ip) throws StoreException {
    return db.write(txn -> {
      NtlsClient c = require(txn, name).withMappedIp(ip);
      put(txn, c);
      return c;
    });
  }

  public NtlsSettings settings() throws StoreException {
    return db.read(txn -> decodeSettings(db.meta.get(txn, SETTINGS)));
  }

  /** Changes the settings; {@code change} may throw IllegalArgumentException for a bad value. */
  public NtlsSettings updateSettings(UnaryOperator<NtlsSettings> change) throws StoreException {
    return db.write(txn -> {
      NtlsSettings next;
      try {
        next = change.apply(decodeSettings(db.meta.get(txn, SETTINGS)));
      } catch (IllegalArgumentException e) {
        throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, e.getMessage());
      }
      db.meta.put(txn, SETTINGS, new WireWriter().string(next.bind()).bool(next.ipcheck())
          .u32(next.idleSeconds()).u32(next.intervalSeconds()).u32(next.probes()).toByteArray());
      return next;
    });
  }

  /**
   * {@code service restart ntls}: asks the running service (this process or another) to restart
   * NTLS; returns the new request count, which the service reports once it has restarted.
   */
  public long requestRestart() throws StoreException {
    return db.write(txn -> {
      byte[] v = db.meta.get(txn, RESTART);
      long next = (v == null ? 0 : Bytes.readU64(v)) + 1;
      db.meta.put(txn, RESTART, Bytes.u64(next));
      return next;
    });
  }

  /** How many NTLS restarts were asked for since the host was created. */
  public long restartsRequested() throws StoreException {
    return db.read(txn -> {
      byte[] v = db.meta.get(txn, RESTART);
      return v == null ? 0 : Bytes.readU64(v);
    });
  }

  private NtlsClient require(Tx txn, String name) throws StoreException {
    byte[] v = db.meta.get(txn, key(CLIENT + name));
    if (v == null) {
      throw StoreException.notFound("no NTLS client named " + name + " (see client list)");
    }
    return decode(v);
  }

  private void put(Tx txn, NtlsClient c) {
    WireWriter w = new WireWriter().string(c.name()).string(c.hostname()).string(c.ip())
        .string(c.mappedIp()).bytes(c.certificate()).u64(c.registeredMillis())
        .u32(c.partitions().size());
    c.partitions().forEach(w::u64);
    db.meta.put(txn, key(CLIENT + c.name()), w.toByteArray());
  }

  private static NtlsClient decode(byte[] v) throws StoreException {
    try {
      WireReader r = new WireReader(v);
      String name = r.string(64);
      String hostname = r.string(256);
      String ip = r.string(64);
      String mapped = r.string(64);
      byte[] cert = r.bytes(MAX_CERT);
      long when = r.u64();
      long n = r.u32();
      List<Long> serials = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        serials.add(r.u64());
      }
      r.end();
      return new NtlsClient(name, hostname, ip, mapped, cert, fingerprint(cert), when, serials);
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("NTLS client record", e);
    }
  }

  private static NtlsSettings decodeSettings(byte[] v) throws StoreException {
    if (v == null) {
      return NtlsSettings.DEFAULTS;
    }
    try {
      WireReader r = new WireReader(v);
      NtlsSettings s = new NtlsSettings(r.string(256), r.bool(), (int) r.u32(), (int) r.u32(),
          (int) r.u32());
      r.end();
      return s;
    } catch (MalformedCommandException | IllegalArgumentException e) {
      throw StoreException.corrupt("NTLS settings", e);
    }
  }

  static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
