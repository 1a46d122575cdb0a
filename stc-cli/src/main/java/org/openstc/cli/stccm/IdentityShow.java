package org.openstc.cli.stccm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.token.ClientIdentity;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import org.openstc.token.TokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "identityshow", aliases = "ids", description = "Show the client identity and the registered partition identities with their hashes.")
final class IdentityShow extends TokenCommand {
  @Mixin Options.Json json;

  IdentityShow(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    try (Token token = open()) {
      ClientIdentity id = token.clientIdentity().orElseThrow(() -> new TokenException(
          TokenException.Reason.NO_IDENTITY, "the token has no client identity (run stc identitycreate)"));
      List<RegisteredPartition> partitions = token.partitions();
      if (json.json) {
        ctx.printJson(view(id, partitions));
        return;
      }
      out().println("Client Identity:");
      out().printf("  Label :                     %s%n", id.label());
      out().printf("  Key Type :                  %s%n", id.keyType().label());
      out().printf("  Public Key Hash (SHA-256) : %s%n", id.fingerprint());
      out().println();
      PartitionList.printTable(out(), partitions);
    }
  }

  static Map<String, Object> view(ClientIdentity id, List<RegisteredPartition> partitions) {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("label", id.label());
    client.put("keyType", id.keyType().label());
    client.put("fingerprint", id.fingerprint());
    client.put("created", id.created().toString());
    List<Map<String, Object>> parts = new ArrayList<>();
    partitions.forEach(p -> parts.add(PartitionList.view(p)));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("clientIdentity", client);
    view.put("partitions", parts);
    return view;
  }
}
