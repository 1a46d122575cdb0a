/**
 * The one LMDB layer both stores use: the soft token (stc-token) and the partition host store
 * (stc-partition).
 *
 * <p>{@link org.openstc.store.LmdbStore} owns an environment's lifecycle (an owner-only directory,
 * map size, databases, one shared environment per directory and process, close with the last user)
 * and runs every operation as one read or one write transaction. {@link org.openstc.store.Table}
 * reads and writes {@code byte[]} keys and values through direct buffers that stay reachable for
 * the whole LMDB call. {@link org.openstc.store.StoreFailure} is the one classification of LMDB
 * errors; each store turns it into its own public exception with a {@link
 * org.openstc.store.FailureMapper}. Owner-only atomic file writes are {@link
 * org.openstc.identity.internal.OwnerOnlyFiles} (in stc-protocol, which must not depend on LMDB).
 *
 * <p>This is the only module that depends on lmdbjava; the stores see LMDB types only through
 * {@link org.openstc.store.Tx} and {@link org.openstc.store.Table}.
 */
package org.openstc.store;
