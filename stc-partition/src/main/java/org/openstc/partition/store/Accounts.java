package org.openstc.partition.store;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openstc.command.CkResult;
import org.openstc.store.Tx;

/**
 * Host administrator accounts ({@code stcsh user ...}) in the {@code accounts} table. Passwords are
 * 8..64 printable ASCII characters stored as Argon2id hashes ({@link PinHasher}); after
 * {@value #MAX_FAILURES} consecutive wrong passwords an account is locked (CKR_PIN_LOCKED) until an
 * admin runs {@code user unlock} or sets its password. With no account at all the host is in
 * single-admin mode: whoever can open the home administers it, as before accounts existed.
 *
 * <p>Rules that keep a host administrable: the first account must be an admin, and the last admin
 * cannot be deleted while other accounts remain.
 */
public final class Accounts {
  public static final int MAX_FAILURES = 5;
  /** LunaSH user names: 1..32 of [A-Za-z0-9-._], not starting with a dot, dash or digit. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}");

  private final Lmdb db;
  private final PinHasher hasher;
  private final SecureRandom random;

  Accounts(Lmdb db, PinHasher hasher, SecureRandom random) {
    this.db = db;
    this.hasher = hasher;
    this.random = random;
  }

  public void add(String name, AdminRole role, byte[] password) throws StoreException {
    checkName(name);
    Roles.checkFormat(password);
    RoleRecord hash = hasher.newRecord(password, random);
    db.write(txn -> {
      if (db.accounts.get(txn, Bytes.utf8(name)) != null) {
        throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "user " + name + " already exists");
      }
      if (role != AdminRole.ADMIN && all(txn).isEmpty()) {
        throw new StoreException(CkResult.CKR_ACTION_PROHIBITED,
            "the first account must have the admin role, or nobody could administer the host");
      }
      db.accounts.put(txn, Bytes.utf8(name), new Account(name, role, hash).encode());
      return null;
    });
  }

  public void delete(String name) throws StoreException {
    db.write(txn -> {
      Account a = require(txn, name);
      List<Account> all = all(txn);
      long admins = all.stream().filter(x -> x.role() == AdminRole.ADMIN).count();
      if (a.role() == AdminRole.ADMIN && admins == 1 && all.size() > 1) {
        throw new StoreException(CkResult.CKR_ACTION_PROHIBITED, "user " + name
            + " is the last admin; delete the other accounts first, or add another admin");
      }
      db.accounts.delete(txn, Bytes.utf8(name));
      AccountKeys.deleteAll(db, txn, name);
      return null;
    });
  }

  public List<Account> list() throws StoreException {
    return db.read(this::all);
  }

  public Optional<Account> find(String name) throws StoreException {
    return db.read(txn -> {
      byte[] v = db.accounts.get(txn, Bytes.utf8(name));
      return v == null ? Optional.<Account>empty() : Optional.of(Account.decode(v));
    });
  }

  /** Whether no account exists: the host is in single-admin mode. */
  public boolean singleAdminMode() throws StoreException {
    return db.read(txn -> all(txn).isEmpty());
  }

  /**
   * Checks {@code password} for {@code name}, counting failures; returns the account. Unknown
   * names and wrong passwords get the same CKR_PIN_INCORRECT message, so names cannot be probed.
   */
  public Account login(String name, byte[] password) throws StoreException {
    Optional<Account> before = find(name);
    if (before.isEmpty()) {
      throw new StoreException(CkResult.CKR_PIN_INCORRECT, "login incorrect");
    }
    checkNotLocked(before.get());
    boolean ok = PinHasher.matches(password, before.get().password());
    int failures = db.write(txn -> {
      Account now = require(txn, name);
      checkNotLocked(now);
      if (!now.password().sameSecret(before.get().password())) {
        return -1;
      }
      int count = ok ? 0 : now.failures() + 1;
      if (count != now.failures()) {
        db.accounts.put(txn, Bytes.utf8(name), now.withPassword(now.password().withFailures(count)).encode());
      }
      return count;
    });
    if (failures < 0) {
      throw new StoreException(CkResult.CKR_PIN_INCORRECT, "the password of " + name + " changed during the login; try again");
    }
    if (!ok) {
      throw new StoreException(CkResult.CKR_PIN_INCORRECT, "login incorrect ("
          + (MAX_FAILURES - failures) + " attempts left before the account is locked)");
    }
    return before.get();
  }

  /** Sets a new password (the account's own change, or an admin's reset); clears the failure count. */
  public void setPassword(String name, byte[] password) throws StoreException {
    Roles.checkFormat(password);
    RoleRecord hash = hasher.newRecord(password, random);
    db.write(txn -> {
      db.accounts.put(txn, Bytes.utf8(name), require(txn, name).withPassword(hash).encode());
      return null;
    });
  }

  /** Clears the failure count of a locked account ({@code user unlock}). */
  public void unlock(String name) throws StoreException {
    db.write(txn -> {
      Account a = require(txn, name);
      db.accounts.put(txn, Bytes.utf8(name), a.withPassword(a.password().withFailures(0)).encode());
      return null;
    });
  }

  private List<Account> all(Tx txn) throws StoreException {
    List<Account> out = new ArrayList<>();
    for (byte[][] kv : db.accounts.scan(txn, new byte[0])) {
      out.add(Account.decode(kv[1]));
    }
    return out;
  }

  private Account require(Tx txn, String name) throws StoreException {
    byte[] v = db.accounts.get(txn, Bytes.utf8(name));
    if (v == null) {
      throw StoreException.notFound("user " + name + " does not exist");
    }
    return Account.decode(v);
  }

  private static void checkNotLocked(Account a) throws StoreException {
    if (a.locked()) {
      throw new StoreException(CkResult.CKR_PIN_LOCKED, "user " + a.name() + " is locked after "
          + MAX_FAILURES + " consecutive failed logins; an admin must run 'user unlock -u " + a.name() + "'");
    }
  }

  private static void checkName(String name) throws StoreException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "user names are 1..32 characters of"
          + " A-Z a-z 0-9 . _ - and start with a letter or _");
    }
  }
}
