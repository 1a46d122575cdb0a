package org.openstc.cli.stccm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tokenlist", aliases = "tl", description = "Show the client token, or that there is none.")
final class TokenList extends TokenCommand {
  @Mixin Options.Json json;

  TokenList(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("home", tokenHome().home().toString());
    if (!tokenHome().exists()) {
      view.put("initialized", false);
    } else {
      try (Token token = open()) {
        describe(view, token.info(), token.clientIdentity(), token.partitions().size());
      }
    }
    if (json.json) {
      ctx.printJson(view);
    } else {
      print(view);
    }
  }

  private static void describe(Map<String, Object> view, TokenInfo info,
      Optional<ClientIdentity> id, int partitions) {
    view.put("initialized", true);
    view.put("label", info.label());
    view.put("serial", info.serial());
    view.put("created", info.created().toString());
    view.put("protection", info.passphraseProtected() ? "password" : "keyfile");
    view.put("failedUnlocks", info.failedUnlocks());
    view.put("identity", id.map(ClientIdentity::label).orElse(null));
    view.put("keyType", id.map(i -> i.keyType().label()).orElse(null));
    view.put("registeredPartitions", partitions);
  }

  private void print(Map<String, Object> v) {
    if (!(Boolean) v.get("initialized")) {
      out().println("No client token is initialized in " + v.get("home") + ".");
      return;
    }
    out().println("Client token:");
    out().printf("  Token Label :          %s%n", v.get("label"));
    out().printf("  Token Serial :         %s%n", v.get("serial"));
    out().printf("  Created :              %s%n", v.get("created"));
    out().printf("  Key Protection :       %s%n", "password".equals(v.get("protection"))
        ? "token password (Argon2id)" : "key file (file permissions only)");
    out().printf("  Failed Unlocks :       %s%n", v.get("failedUnlocks"));
    out().printf("  Client Identity :      %s%n", v.get("identity") == null ? "none"
        : v.get("identity") + " (" + v.get("keyType") + ")");
    out().printf("  Registered Partitions: %s%n", v.get("registeredPartitions"));
  }
}
