package org.openstc.pkcs11;

import java.util.List;

/** Where the slots come from: their ids, and a channel to the partition in one of them. */
interface Backends {
  /** The PKCS#11 slot ids (the client's slot numbers). */
  List<Long> slots() throws CkrException;

  /** Opens a channel to the partition in {@code slot}. */
  Backend open(long slot) throws CkrException;
}
