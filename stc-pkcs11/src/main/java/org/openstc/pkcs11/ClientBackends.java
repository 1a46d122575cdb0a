package org.openstc.pkcs11;

import java.util.ArrayList;
import java.util.List;
import org.openstc.client.SlotNumbers;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.command.CkException;

/**
 * The client library's slots as PKCS#11 slots: ids are the client's slot numbers (as
 * {@code stccm slot list} shows them; HA virtual slots after the physical ones, the members'
 * slots hidden with HA-only), each opened as one STC channel or one HA group. Opening is serialized:
 * connections share the one unlocked {@link StcClient}.
 */
final class ClientBackends implements Backends {
  private final StcClient client;

  ClientBackends(StcClient client) {
    this.client = client;
  }

  @Override
  public List<Long> slots() throws CkrException {
    try {
      List<Long> ids = new ArrayList<>();
      for (SlotNumbers.AppSlot s : SlotNumbers.applicationSlots(client.home(), StcClient.DEFAULT_TIMEOUT)) {
        ids.add((long) s.slot());
      }
      return ids;
    } catch (StcClientException e) {
      throw ckr(e);
    }
  }

  @Override
  public synchronized Backend open(long slot) throws CkrException {
    try {
      return new SlotBackend(client.openSlot((int) slot));
    } catch (StcClientException e) {
      throw ckr(e);
    }
  }

  /**
   * The PKCS#11 return value for a client library failure: the partition's own CKR for a
   * refused command, CKR_DEVICE_ERROR when the channel or server failed (the channel is then
   * dropped), CKR_GENERAL_ERROR for local configuration or token problems.
   */
  static CkrException ckr(StcClientException e) {
    if (e.kind() == StcClientException.Kind.COMMAND && e.getCause() instanceof CkException) {
      return new CkrException(((CkException) e.getCause()).code(), e.getMessage());
    }
    switch (e.kind()) {
      case CONFIG:
      case TOKEN:
        return new CkrException(Ck.CKR_GENERAL_ERROR, e.getMessage());
      default:
        return new CkrException(Ck.CKR_DEVICE_ERROR, e.getMessage());
    }
  }
}
