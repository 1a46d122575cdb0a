package org.openstc.cli.stccm.link;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.client.Slot;
import org.openstc.client.StcClientException;
import picocli.CommandLine.Option;

/** A command that runs on a slot's channel: the current slot, or {@code -slot N}. */
abstract class SlotCommand extends LinkCommand {
  @Option(names = {"-slot", "--slot"}, paramLabel = "N",
      description = "the slot to use (default: the current slot, see slot set)")
  Integer slotOption;

  SlotCommand(CliContext ctx) {
    super(ctx);
  }

  /** The slot number this command addresses. */
  protected int slotNumber() throws StcClientException {
    return slotOption != null ? slotOption : CurrentSlot.get(home());
  }

  /** The addressed slot for a command about its one STC channel: an HA virtual slot has one per member. */
  protected Slot channelSlot() throws StcClientException, CliException {
    Slot s = slot();
    if (s instanceof org.openstc.client.HaSlot) {
      throw new CliException(org.openstc.cli.common.ExitCode.USAGE, "slot " + s.number() + " is an HA virtual"
          + " slot, with a channel to each member: run this on a member's slot (see slot list)");
    }
    return s;
  }

  /** The open channel to the addressed slot (opened or re-established if needed). */
  protected Slot slot() throws StcClientException, CliException {
    return session().slot(home(), slotNumber());
  }
}
