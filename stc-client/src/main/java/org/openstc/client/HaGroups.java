package org.openstc.client;

import org.openstc.command.Role;

/**
 * Opens the HA groups of {@code hagroups.json} with their settings: the per-command timeout, the
 * recovery mode, synchronisation, and the members that need synchronisation (kept in the file as
 * the group finds them, so that {@code listgroups} in another process shows them). Every path
 * that opens a configured group (the virtual slot by number, {@code hagroup recover} and
 * {@code listgroups}) comes here.
 */
public final class HaGroups {
  private HaGroups() {}

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
    HaGroup group = HaGroup.unauthenticated(client, g.label(), g.members(), g.standby(),
        config.commandTimeout());
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
