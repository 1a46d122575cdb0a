package org.openstc.cli.vtl;

import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.client.NtlsSlots;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import picocli.CommandLine.Command;

/** {@code vtl verify} and {@code vtl listSlots}: what the NTLS links see, in the vendor's tables. */
final class VtlSlots {
  private VtlSlots() {}

  /** Scans, prints each server that could not be asked on stderr, and fails with the first. */
  static NtlsSlots.Scan scan(VtlCommand c) throws StcClientException {
    return NtlsSlots.scan(c.home(), StcClient.DEFAULT_TIMEOUT);
  }

  static void failIfAny(VtlCommand c, NtlsSlots.Scan scan) throws StcClientException {
    for (Map.Entry<String, StcClientException> e : scan.failures().entrySet()) {
      c.ctx.err().println("Server " + e.getKey() + ": " + e.getValue().getMessage());
    }
    if (!scan.failures().isEmpty()) {
      throw scan.failures().values().iterator().next();
    }
  }

  static String label(NtlsSlots.NtlsSlot s) {
    return s.label().isEmpty() ? s.name() : s.label();
  }

  @Command(name = "verify", description = "Open a link to each server and list the partitions "
      + "assigned to this client.")
  static final class Verify extends VtlCommand {
    Verify(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      NtlsSlots.Scan scan = scan(this);
      out().println("The following Luna SA Slots/Partitions were found:");
      out().println();
      out().println("Slot    Serial #                Label");
      out().println("====    ================        =====");
      for (NtlsSlots.NtlsSlot s : scan.slots()) {
        out().printf("%4d    %16d        %s%n", s.slot(), s.serial(), label(s));
      }
      failIfAny(this, scan);
    }
  }

  @Command(name = "listSlots", description = "The NTLS slots with their state.")
  static final class ListSlots extends VtlCommand {
    ListSlots(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      NtlsSlots.Scan scan = scan(this);
      out().println("Number of slots: " + scan.slots().size());
      out().println();
      out().println("The following slots were found:");
      out().println();
      out().printf("%-8s %-22s %-16s %-14s %s%n", "Slot #", "Description", "Label", "Serial #",
          "Status");
      for (NtlsSlots.NtlsSlot s : scan.slots()) {
        out().printf("%-8s %-22s %-16s %-14d %s%n", "slot #" + s.slot(), "NTLS Slot (" + s.server()
            + ")", label(s), s.serial(), "Present");
      }
      failIfAny(this, scan);
    }
  }
}
