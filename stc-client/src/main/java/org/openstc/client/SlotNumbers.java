package org.openstc.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place slot numbers are given: STC slots keep the numbers {@code servers.json} assigned
 * them; NTLS slots follow the highest STC slot; HA virtual slots follow every physical slot (STC
 * and NTLS), one per group in {@code hagroups.json} order. The HA numbers start after the most NTLS
 * slots ever seen, so they stay stable when an NTLS server is unreachable. With HA-only on, the
 * slots of group members are hidden from applications; no number changes.
 */
public final class SlotNumbers {
  private SlotNumbers() {}

  /** A slot an application may use: its number and, for an HA virtual slot, its group. */
  public record AppSlot(int slot, HaConfig.Group group) {
    public boolean virtual() {
      return group != null;
    }
  }

  /** The first NTLS slot number: after the STC slots. */
  public static int firstNtls(ClientConfig config) {
    return config.slots().stream().mapToInt(SlotEntry::slot).max().orElse(-1) + 1;
  }

  /** The first HA virtual slot number (asks the NTLS servers how many slots they give, if any). */
  public static int firstHa(Path home, Duration timeout) throws StcClientException {
    HaConfig ha = HaConfig.load(home);
    int ntls = 0;
    if (!NtlsConfig.load(home).servers().isEmpty() && !ha.groups().isEmpty()) {
      ntls = NtlsSlots.scan(home, timeout).slots().size();
    }
    return firstNtls(ClientConfig.load(home)) + ha.noteNtlsSlots(ntls);
  }

  /** The HA group whose virtual slot is {@code slot}, if it is one. */
  public static Optional<HaConfig.Group> haGroup(Path home, int slot, Duration timeout) throws StcClientException {
    List<HaConfig.Group> groups = HaConfig.load(home).groups();
    if (groups.isEmpty()) {
      return Optional.empty();
    }
    int i = slot - firstHa(home, timeout);
    return i >= 0 && i < groups.size() ? Optional.of(groups.get(i)) : Optional.empty();
  }

  /** The virtual slot number of the group labelled {@code label}, if there is one. */
  public static Optional<Integer> haSlot(Path home, String label, Duration timeout) throws StcClientException {
    List<HaConfig.Group> groups = HaConfig.load(home).groups();
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).label().equals(label)) {
        return Optional.of(firstHa(home, timeout) + i);
      }
    }
    return Optional.empty();
  }

  /** True when HA-only is on and {@code serial} is a member (active or standby) of a group. */
  public static boolean hidden(Path home, long serial) throws StcClientException {
    HaConfig ha = HaConfig.load(home);
    return ha.haOnly() && members(ha).contains(serial);
  }

  private static Set<Long> members(HaConfig ha) {
    Set<Long> all = new HashSet<>();
    for (HaConfig.Group g : ha.groups()) {
      all.addAll(g.members());
      all.addAll(g.standby());
    }
    return all;
  }

  /**
   * The slots applications see (PKCS#11 slot list, JCA {@code slot=}): the STC slots, then the HA
   * virtual slots; with HA-only on, without the members' slots. NTLS slots are listed by
   * {@link NtlsSlots} and reached through {@link StcClient#openSlot}.
   */
  public static List<AppSlot> applicationSlots(Path home, Duration timeout) throws StcClientException {
    HaConfig ha = HaConfig.load(home);
    Set<Long> hiddenSerials = ha.haOnly() ? members(ha) : Set.of();
    List<AppSlot> out = new ArrayList<>();
    for (SlotEntry e : ClientConfig.load(home).slots()) {
      if (!hiddenSerials.contains(e.serial())) {
        out.add(new AppSlot(e.slot(), null));
      }
    }
    List<HaConfig.Group> groups = ha.groups();
    int first = groups.isEmpty() ? 0 : firstHa(home, timeout);
    for (int i = 0; i < groups.size(); i++) {
      out.add(new AppSlot(first + i, groups.get(i)));
    }
    return out;
  }
}
