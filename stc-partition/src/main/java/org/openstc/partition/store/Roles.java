package org.openstc.partition.store;

import java.security.SecureRandom;
import org.openstc.store.Tx;
import org.openstc.command.CkResult;
import org.openstc.command.Role;

/**
 * The roles of each partition (Partition SO, Crypto Officer, Crypto User) and partition
 * initialization. PINs are 8..64 printable ASCII characters, stored as Argon2id hashes; after
 * {@value #MAX_FAILURES} consecutive wrong PINs a role is locked ({@code CKR_PIN_LOCKED}) until
 * the Partition SO sets its PIN again (a locked Partition SO can only be recovered by deleting the
 * partition).
 */
public final class Roles {
  public static final int MAX_FAILURES = 10;
  public static final int MIN_PIN = 8;
  public static final int MAX_PIN = 64;

  private final Lmdb db;
  private final Partitions partitions;
  private final PinHasher hasher;
  private final SecureRandom random;
  private final Listeners listeners;

  Roles(Lmdb db, Partitions partitions, PinHasher hasher, SecureRandom random, Listeners listeners) {
    this.db = db;
    this.partitions = partitions;
    this.hasher = hasher;
    this.random = random;
    this.listeners = listeners;
  }

  /**
   * Initializes the partition with {@code label} and the Partition SO PIN. With {@code reinit}
   * false this is refused if the partition is already initialized; with it true (the caller checked
   * that the Partition SO is logged in) every object and the co/cu PINs are erased.
   */
  public void initialize(long serial, String label, byte[] soPin, boolean reinit) throws StoreException {
    Partitions.checkName("partition label", label);
    RoleRecord so = newRecord(soPin);
    db.write(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      if (p.initialized() && !reinit) {
        throw new StoreException(CkResult.CKR_USER_NOT_LOGGED_IN, "partition " + p.name()
            + " is already initialized; log in as the Partition SO to initialize it again");
      }
      db.objects.deletePrefix(txn, Bytes.prefix(serial));
      db.roles.deletePrefix(txn, Bytes.prefix(serial));
      db.roles.put(txn, key(serial, Role.PO), so.encode());
      partitions.put(txn, p.withInit(label));
      return null;
    });
    if (reinit) {
      listeners.fire(l -> l.partitionReinitialized(serial));
    }
  }

  /** Checks {@code pin} for {@code role}, counting failures; throws on any refusal. */
  public void verify(long serial, Role role, byte[] pin) throws StoreException {
    RoleRecord before = db.read(txn -> existing(txn, serial, role));
    checkNotLocked(role, before);
    boolean ok = PinHasher.matches(pin, before);
    int failures = db.write(txn -> {
      RoleRecord now = existing(txn, serial, role);
      checkNotLocked(role, now);
      if (!now.sameSecret(before)) {
        return -1;
      }
      int count = ok ? 0 : now.failures() + 1;
      if (count != now.failures()) {
        db.roles.put(txn, key(serial, role), now.withFailures(count).encode());
      }
      return count;
    });
    if (failures < 0) {
      throw new StoreException(CkResult.CKR_PIN_INCORRECT,
          "the " + role.title() + " PIN changed during the login; try again");
    }
    if (!ok) {
      throw new StoreException(CkResult.CKR_PIN_INCORRECT, "incorrect PIN for the " + role.title()
          + " (" + (MAX_FAILURES - failures) + " attempts left before lockout)");
    }
  }

  /** Sets (or resets, unlocking) the PIN of {@code role}: the Partition SO's init of co/cu. */
  public void setPin(long serial, Role role, byte[] pin) throws StoreException {
    RoleRecord r = newRecord(pin);
    db.write(txn -> {
      partitions.require(txn, serial);
      db.roles.put(txn, key(serial, role), r.encode());
      return null;
    });
  }

  /** Changes the PIN of {@code role} after checking the old one (which counts as an attempt). */
  public void changePin(long serial, Role role, byte[] oldPin, byte[] newPin) throws StoreException {
    checkFormat(newPin);
    verify(serial, role, oldPin);
    setPin(serial, role, newPin);
  }

  public boolean isPinSet(long serial, Role role) throws StoreException {
    return db.read(txn -> db.roles.get(txn, key(serial, role)) != null);
  }

  private RoleRecord newRecord(byte[] pin) throws StoreException {
    checkFormat(pin);
    return hasher.newRecord(pin, random);
  }

  static void checkFormat(byte[] pin) throws StoreException {
    if (pin.length < MIN_PIN || pin.length > MAX_PIN) {
      throw new StoreException(CkResult.CKR_PIN_LEN_RANGE,
          "PIN must be " + MIN_PIN + ".." + MAX_PIN + " characters, not " + pin.length);
    }
    for (byte b : pin) {
      if (b < 0x20 || b > 0x7e) {
        throw new StoreException(CkResult.CKR_PIN_INVALID, "PIN may contain printable ASCII characters only");
      }
    }
  }

  private RoleRecord existing(Tx txn, long serial, Role role) throws StoreException {
    PartitionRecord p = partitions.require(txn, serial);
    byte[] v = db.roles.get(txn, key(serial, role));
    if (!p.initialized() || v == null) {
      throw new StoreException(CkResult.CKR_USER_PIN_NOT_INITIALIZED,
          "the " + role.title() + " PIN of partition " + p.name() + " is not initialized");
    }
    return RoleRecord.decode(v);
  }

  private static void checkNotLocked(Role role, RoleRecord r) throws StoreException {
    if (r.failures() >= MAX_FAILURES) {
      throw new StoreException(CkResult.CKR_PIN_LOCKED, "the " + role.title() + " is locked after "
          + MAX_FAILURES + " consecutive failed logins");
    }
  }

  private static byte[] key(long serial, Role role) {
    return Bytes.key(serial, new byte[] {(byte) role.code()});
  }
}
