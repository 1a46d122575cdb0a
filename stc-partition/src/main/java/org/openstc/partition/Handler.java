package org.openstc.partition;

import org.openstc.command.CkException;
import org.openstc.command.MalformedCommandException;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.StoreException;

/** One command's implementation: the body in, the response body out, or a refusal. */
@FunctionalInterface
interface Handler {
  byte[] run(Session session, PartitionRecord partition, byte[] body)
      throws CkException, StoreException, MalformedCommandException;
}
