package org.openstc.partition.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openstc.command.CkResult;
import org.openstc.store.Tx;

/**
 * The SSH public keys an administrator account logs in with ({@code user publickey add}), in the
 * store's {@code meta} table under {@code ssh/keys/<account>}: one OpenSSH public key line each
 * ({@code ssh-ed25519 AAAA... comment}). The store keeps the lines as given; the SSH service
 * parses and checks them. Deleting the account deletes its keys in the same transaction.
 */
public final class AccountKeys {
  /** Keys one account may have. */
  public static final int MAX_KEYS = 16;
  /** Length of one key line (an RSA 8192 key line is about 1.4 KB). */
  public static final int MAX_LINE = 4096;
  private static final String PREFIX = "ssh/keys/";

  private final Lmdb db;
  AccountKeys(Lmdb db) {
    this.db = db;
  }

  /** The key lines of {@code account}, oldest first. */
  public List<String> list(String account) throws StoreException {
    return db.read(txn -> read(txn, account));
  }

  /** Adds {@code line} to {@code account}'s keys (the account must exist). */
  public void add(String account, String line) throws StoreException {
    String l = line.strip();
    if (l.isEmpty() || l.length() > MAX_LINE || l.contains("\n") || l.contains("\r")) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "a public key is one line of 1.."
          + MAX_LINE + " characters");
    }
    db.write(txn -> {
      if (db.accounts.get(txn, Bytes.utf8(account)) == null) {
        throw StoreException.notFound("user " + account + " does not exist");
      }
      List<String> keys = read(txn, account);
      if (keys.contains(l)) {
        throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "user " + account
            + " already has this public key");
      }
      if (keys.size() >= MAX_KEYS) {
        throw new StoreException(CkResult.CKR_DEVICE_MEMORY, "user " + account + " has "
            + MAX_KEYS + " public keys already; delete one first");
      }
      keys.add(l);
      write(txn, account, keys);
      return null;
    });
  }

  /** Deletes the key at {@code index} (1-based, as listed) of {@code account}; returns its line. */
  public String delete(String account, int index) throws StoreException {
    return db.write(txn -> {
      List<String> keys = read(txn, account);
      if (index < 1 || index > keys.size()) {
        throw StoreException.notFound("user " + account + " has no public key " + index
            + " (it has " + keys.size() + ")");
      }
      String gone = keys.remove(index - 1);
      write(txn, account, keys);
      return gone;
    });
  }

  /** Deletes every key of {@code account}, in the caller's transaction. */
  static void deleteAll(Lmdb db, Tx txn, String account) {
    db.meta.delete(txn, key(account));
  }

  private List<String> read(Tx txn, String account) {
    byte[] v = db.meta.get(txn, key(account));
    List<String> keys = new ArrayList<>();
    if (v != null) {
      new String(v, StandardCharsets.UTF_8).lines().filter(s -> !s.isEmpty()).forEach(keys::add);
    }
    return keys;
  }

  private void write(Tx txn, String account, List<String> keys) {
    if (keys.isEmpty()) {
      db.meta.delete(txn, key(account));
    } else {
      db.meta.put(txn, key(account), String.join("\n", keys).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static byte[] key(String account) {
    return NtlsClients.key(PREFIX + account);
  }
}
