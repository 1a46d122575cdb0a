/**
 * The running partition host ({@link org.openstc.partition.host.PartitionHost}): the STC server in
 * front of the host store's partitions, with the command service in each channel and the store's
 * changes (deregistrations, deletions) closing the affected channels.
 */
package org.openstc.partition.host;
