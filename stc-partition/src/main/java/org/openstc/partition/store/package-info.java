/**
 * The partition host's store ({@link org.openstc.partition.store.HostStore}) under {@code
 * $STC_HOST_HOME}: partitions, roles and PIN hashes, registered clients, key objects sealed under
 * the host master key, and the partitions' identity keys, each operation one LMDB transaction on
 * stc-store. Failures are {@link org.openstc.partition.store.StoreException}.
 */
package org.openstc.partition.store;
