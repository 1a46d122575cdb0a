package org.openstc.store;

import java.nio.ByteBuffer;
import org.lmdbjava.Txn;

/**
 * One LMDB transaction as the stores see it: handed to a {@link Work} by {@link LmdbStore#read} or
 * {@link LmdbStore#write}, valid only inside that call, used with {@link Table}'s methods.
 */
public final class Tx {
  private final Txn<ByteBuffer> txn;

  Tx(Txn<ByteBuffer> txn) {
    this.txn = txn;
  }

  /** The id of the snapshot a read sees (the last commit before it began); compare {@link LmdbStore#lastCommit}. */
  public long id() {
    return txn.getId();
  }

  Txn<ByteBuffer> txn() {
    return txn;
  }
}
