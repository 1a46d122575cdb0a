package org.openstc.cli.stccm.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.client.NtlsConfig;
import org.openstc.client.NtlsSlots;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;

/**
 * The NTLS slots as rows of {@code slot list} (after the STC slots, {@code linkType} NTLS); a
 * server that cannot be asked is named on stderr and its slots are left out.
 */
final class NtlsSlotRows {
  private NtlsSlotRows() {}

  static List<Map<String, Object>> rows(LinkCommand c) throws StcClientException {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (NtlsConfig.load(c.home()).servers().isEmpty()) {
      return rows;
    }
    NtlsSlots.Scan scan = NtlsSlots.scan(c.home(), StcClient.DEFAULT_TIMEOUT);
    scan.failures().forEach((server, e) ->
        c.ctx.err().println("NTLS server " + server + ": " + e.getMessage()));
    NtlsConfig config = NtlsConfig.load(c.home());
    for (NtlsSlots.NtlsSlot s : scan.slots()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("slot", s.slot());
      row.put("serial", String.valueOf(s.serial()));
      row.put("label", s.label());
      row.put("serverId", -1);
      row.put("server", s.server() + ":" + config.server(s.server()).map(NtlsConfig.Server::port)
          .orElse(NtlsConfig.DEFAULT_PORT) + " (NTLS)");
      row.put("link", c.session().linkState(s.slot()));
      row.put("current", false);
      row.put("linkType", "NTLS");
      rows.add(row);
    }
    return rows;
  }
}
