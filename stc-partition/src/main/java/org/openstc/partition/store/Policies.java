package org.openstc.partition.store;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;
import org.openstc.command.CkResult;
import org.openstc.store.Tx;

/**
 * HSM and partition policies, partition activation and the {@code forceSOLogin} setting, in the
 * host store's {@code policies} table (docs/partition-host.md, "Policies and activation"). A
 * deactivated partition keeps its channels but every command on them is refused with
 * CKR_TOKEN_NOT_PRESENT; the command service checks the state on every command ({@link
 * PartitionCache}), so a change made by any process is seen by the next command.
 */
public final class Policies {
  private static final byte[] HSM_KEY = "hsm".getBytes(US_ASCII);
  private static final byte[] FORCE_SO_LOGIN_KEY = "sysconf.forceSOLogin".getBytes(US_ASCII);

  private final Lmdb db;
  private final Partitions partitions;

  Policies(Lmdb db, Partitions partitions) {
    this.db = db;
    this.partitions = partitions;
  }

  public PolicyValues hsm() throws StoreException {
    return db.read(txn -> read(txn, HSM_KEY));
  }

  public PolicyValues partition(long serial) throws StoreException {
    return db.read(txn -> {
      partitions.require(txn, serial);
      return read(txn, Bytes.u64(serial));
    });
  }

  /**
   * Sets HSM policy {@code code} to {@code value}; returns the policy. The caller asks for
   * confirmation of a destructive change; {@link #zeroizeIfDestructive} then does the destruction.
   */
  public Policy changeHsm(int code, long value) throws StoreException {
    Policy p = find(Policy.Scope.HSM, code, value);
    db.write(txn -> {
      if (p == Policy.ALLOW_STC && value == 0) {
        for (PartitionRecord r : partitionsIn(txn)) {
          if (read(txn, Bytes.u64(r.serial())).isOn(Policy.FORCE_STC)) {
            throw new StoreException(CkResult.CKR_ACTION_PROHIBITED, "partition " + r.name()
                + " forces STC (partition policy 37); turn that off before HSM policy 39");
          }
        }
      }
      db.policies.put(txn, HSM_KEY, read(txn, HSM_KEY).with(p, (int) value).encode());
      return null;
    });
    return p;
  }

  /** Deletes every partition when {@code p} is destructive: what the appliance's zeroization destroys here. */
  public List<String> zeroizeIfDestructive(Policy p) throws StoreException {
    List<String> names = new ArrayList<>();
    if (p.destructive()) {
      for (PartitionRecord r : partitions.list()) {
        partitions.delete(r.name());
        names.add(r.name());
      }
    }
    return names;
  }

  /** Sets partition policy {@code code} of partition {@code serial} to {@code value}. */
  public Policy changePartition(long serial, int code, long value) throws StoreException {
    Policy p = find(Policy.Scope.PARTITION, code, value);
    db.write(txn -> {
      partitions.require(txn, serial);
      if (p == Policy.FORCE_STC && value == 1 && !read(txn, HSM_KEY).isOn(Policy.ALLOW_STC)) {
        throw new StoreException(CkResult.CKR_ACTION_PROHIBITED,
            "policy 37 (Force Secure Trusted Channel) needs HSM policy 39 (Allow Secure Trusted Channel) on");
      }
      byte[] key = Bytes.u64(serial);
      db.policies.put(txn, key, read(txn, key).with(p, (int) value).encode());
      return null;
    });
    return p;
  }

  /** Activates the partition; refused (CKR_ACTION_PROHIBITED) while its policy 22 is off. */
  public void activate(long serial) throws StoreException {
    setActivated(serial, true);
  }

  /** Deactivates the partition: its clients' commands are refused from the next one on. */
  public void deactivate(long serial) throws StoreException {
    setActivated(serial, false);
  }

  private void setActivated(long serial, boolean on) throws StoreException {
    db.write(txn -> {
      PartitionRecord r = partitions.require(txn, serial);
      byte[] key = Bytes.u64(serial);
      PolicyValues v = read(txn, key);
      if (on && !v.isOn(Policy.ALLOW_ACTIVATION)) {
        throw new StoreException(CkResult.CKR_ACTION_PROHIBITED, "partition " + r.name()
            + " cannot be activated: policy 22 (Allow activation) is off");
      }
      db.policies.put(txn, key, v.withActivated(on).encode());
      return null;
    });
  }

  /** Whether partition {@code serial} is activated: the check the command service makes per command. */
  public boolean isActivated(long serial) throws StoreException {
    return db.read(txn -> activated(txn, serial));
  }

  boolean activated(Tx txn, long serial) throws StoreException {
    return read(txn, Bytes.u64(serial)).activated();
  }

  /** Whether the partition forces STC (policy 37): an NTLS link to it must be refused. */
  public boolean forcesStc(long serial) throws StoreException {
    return db.read(txn -> read(txn, Bytes.u64(serial)).isOn(Policy.FORCE_STC));
  }

  /** Whether the partition stays activated across a host start (activated, and policy 23 on). */
  public boolean autoActivates(long serial) throws StoreException {
    return db.read(txn -> {
      PolicyValues v = read(txn, Bytes.u64(serial));
      return v.activated() && v.isOn(Policy.ALLOW_AUTO_ACTIVATION);
    });
  }

  /**
   * What a host start does to activation: every partition whose policy 23 is off is deactivated
   * until an administrator runs {@code partition activate}. Returns the names deactivated.
   */
  public List<String> hostStarted() throws StoreException {
    return db.write(txn -> {
      List<String> names = new ArrayList<>();
      for (PartitionRecord r : partitionsIn(txn)) {
        byte[] key = Bytes.u64(r.serial());
        PolicyValues v = read(txn, key);
        if (v.activated() && !v.isOn(Policy.ALLOW_AUTO_ACTIVATION)) {
          db.policies.put(txn, key, v.withActivated(false).encode());
          names.add(r.name());
        }
      }
      return names;
    });
  }

  /** {@code sysconf forceSOLogin}: whether client registration needs an HSM SO login. */
  public boolean forceSoLogin() throws StoreException {
    return db.read(txn -> {
      byte[] v = db.policies.get(txn, FORCE_SO_LOGIN_KEY);
      return v != null && v.length == 1 && v[0] == 1;
    });
  }

  public void setForceSoLogin(boolean on) throws StoreException {
    db.write(txn -> {
      db.policies.put(txn, FORCE_SO_LOGIN_KEY, new byte[] {(byte) (on ? 1 : 0)});
      return null;
    });
  }

  private PolicyValues read(Tx txn, byte[] key) throws StoreException {
    byte[] v = db.policies.get(txn, key);
    return v == null ? PolicyValues.defaults() : PolicyValues.decode(v);
  }

  private List<PartitionRecord> partitionsIn(Tx txn) throws StoreException {
    List<PartitionRecord> out = new ArrayList<>();
    for (byte[][] kv : db.partitions.scan(txn, new byte[0])) {
      out.add(PartitionRecord.decode(kv[1]));
    }
    return out;
  }

  private static Policy find(Policy.Scope scope, int code, long value) throws StoreException {
    String kind = scope == Policy.Scope.HSM ? "HSM" : "partition";
    Policy p = Policy.find(scope, code).orElseThrow(() -> new StoreException(CkResult.CKR_ARGUMENTS_BAD,
        "there is no " + kind + " policy " + code + " (policies: " + codes(Policy.of(scope)) + ")"));
    if (!p.allows(value)) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "policy " + code + " (" + p.title()
          + ") takes 0 (off) or 1 (on), not " + value);
    }
    return p;
  }

  private static String codes(List<Policy> all) {
    return all.stream().map(p -> Integer.toString(p.code())).reduce((a, b) -> a + ", " + b).orElse("");
  }
}
