package org.openstc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstc.command.LinkBodies;

/**
 * The slots the NTLS links see: each server of {@code ntls.json} in order, each partition it lists
 * for this client (LINK_LIST) in serial order, numbered from a first slot number (after the STC
 * slots, so that one client's slot numbers never collide).
 */
public final class NtlsSlots {
  private NtlsSlots() {}

  /** One partition seen over NTLS. */
  public record NtlsSlot(int slot, String server, long serial, String name, String label) {}

  /** What a scan found: the slots, and the servers that could not be asked, with why. */
  public record Scan(List<NtlsSlot> slots, Map<String, StcClientException> failures) {}

  /** The first NTLS slot number given the STC slots of {@code config}. */
  public static int firstSlot(ClientConfig config) {
    return SlotNumbers.firstNtls(config);
  }

  /** Asks every NTLS server of {@code home} for the partitions assigned to this client. */
  public static Scan scan(java.nio.file.Path home, Duration timeout) throws StcClientException {
    NtlsConfig config = NtlsConfig.load(home);
    int next = firstSlot(ClientConfig.load(home));
    List<NtlsSlot> slots = new ArrayList<>();
    Map<String, StcClientException> failures = new LinkedHashMap<>();
    for (NtlsConfig.Server s : config.servers()) {
      NtlsLink link = null;
      try {
        link = NtlsLink.connect(config, s, timeout);
        for (LinkBodies.Assigned a : link.list()) {
          slots.add(new NtlsSlot(next++, s.name(), a.serial(), a.name(), a.label()));
        }
      } catch (StcClientException e) {
        failures.put(s.name(), e);
      } finally {
        if (link != null) {
          link.close();
        }
      }
    }
    return new Scan(slots, failures);
  }

  /** Opens the NTLS slot numbered {@code slot}, if there is one. */
  public static Optional<Slot> open(java.nio.file.Path home, int slot, Duration timeout)
      throws StcClientException {
    Scan scan = scan(home, timeout);
    Optional<NtlsSlot> found = scan.slots().stream().filter(s -> s.slot() == slot).findFirst();
    if (found.isEmpty()) {
      if (!scan.failures().isEmpty()) {
        throw scan.failures().values().iterator().next();
      }
      return Optional.empty();
    }
    NtlsSlot s = found.get();
    NtlsConfig config = NtlsConfig.load(home);
    NtlsLink link = NtlsLink.connect(config, config.server(s.server()).orElseThrow(), timeout);
    try {
      link.bind(s.serial());
      return Optional.of(new Slot(new SlotEntry(slot, s.serial(), -1), link.connection(s.serial(), timeout)));
    } catch (StcClientException e) {
      link.close();
      throw e;
    }
  }
}
