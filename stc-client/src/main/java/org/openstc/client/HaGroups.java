package org.openstc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openstc.command.Role;

/**
 * Opens HA groups: any list of members ({@link #open(StcClient, String, List, List, Role, char[],
 * Duration)}), or the groups of {@code hagroups.json} with their settings: the per-command timeout, the
 * recovery mode, synchronisation, and the members that need synchronisation (kept in the file as
 * the group finds them, so that {@code listgroups} in another process shows them). Every path
 * that opens a configured group (the virtual slot by number, {@code hagroup recover} and
 * {@code listgroups}) comes here.
 */
public final class HaGroups {
  private HaGroups() {}

  /**
   * Opens a group over the client's slots for {@code serials} (then {@code standby}), each member
   * logged in as {@code role}, each reply awaited at most {@code commandTimeout}. The group keeps a
   * copy of the PIN for recovery and wipes it on close; the caller wipes its own. Members that
   * cannot be reached start down.
   */
  public static HaGroup open(StcClient client, String label, List<Long> serials, List<Long> standby,
      Role role, char[] pin, Duration commandTimeout) {
    HaGroup g = unauthenticated(client, label, serials, standby, commandTimeout);
    g.start(role, pin);
    return g;
  }

  /** The group with no role logged in: members join at {@link HaGroup#login}. */
  static HaGroup unauthenticated(StcClient client, String label, List<Long> serials,
      List<Long> standby, Duration commandTimeout) {
    HaCredentials credentials = new HaCredentials();
    List<HaMember> list = new ArrayList<>();
    for (long s : serials) {
      list.add(new HaMember(s, false, credentials.opener(client, s, commandTimeout)));
    }
    for (long s : standby) {
      list.add(new HaMember(s, true, credentials.opener(client, s, commandTimeout)));
    }
    return new HaGroup(label, list, credentials);
  }

  /**
   * The configured group {@code g} with {@code role} logged in on every member that answers and
   * those brought to the group's objects (synchronised, unless the group's setting is off).
   */
  public static HaGroup open(StcClient client, HaConfig.Group g, Role role, char[] pin)
      throws StcClientException {
    HaGroup group = unauthenticated(client, g, HaConfig.load(client.home()));
    group.start(role, pin);
    return group;
  }

  /**
   * As {@link #open}, changing no member (synchronisation off for this group object): the members
   * that lack one of the group's objects are found and recorded as needing synchronisation.
   */
  public static HaGroup inspect(StcClient client, HaConfig.Group g, Role role, char[] pin)
      throws StcClientException {
    HaGroup group = unauthenticated(client, g, HaConfig.load(client.home()));
    group.synchronize(false);
    group.start(role, pin);
    return group;
  }

  /** The group as configured, no role logged in (the virtual slot's start). */
  static HaGroup unauthenticated(StcClient client, HaConfig.Group g, HaConfig config) {
    HaGroup group = unauthenticated(client, g.label(), g.members(), g.standby(), config.commandTimeout());
    group.recoveryMode(config.recoveryMode());
    group.synchronize(g.synchronize());
    g.needsSync().forEach(group::markedNeedingSync);
    group.needsSyncListener((serial, needs) -> {
      try {
        HaConfig.load(client.home()).needsSync(g.label(), serial, needs);
      } catch (StcClientException e) {
        // Not kept across processes this time; this group still knows (HaGroup.needsSync).
      }
    });
    return group;
  }
}
