package org.openstc.cli.stcsh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.AutoActivation;
import org.openstc.partition.store.HostRecord;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Hsm;
import org.openstc.partition.store.PartitionRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code hsm show}: the appliance's summary, in its words where it has them. */
@Command(name = "show", description = "Label, serial, seal and login state, partitions, free storage.")
final class HsmShow extends HostCommand {
  @Mixin Options.Json json;

  HsmShow(CliContext ctx) {
    super(ctx);
  }

  static String softwareVersion() {
    String v = HsmShow.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }

  @Override
  protected void execute() throws Exception {
    Path dir = resolveHome(home, ctx);
    HostRecord r = Hsm.record(dir);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("softwareVersion", softwareVersion());
    view.put("label", r.label());
    view.put("serial", Long.toString(r.serial()));
    view.put("zeroized", r.zeroized());
    List<Map<String, Object>> parts = new ArrayList<>();
    if (!r.zeroized()) {
      view.put("authentication", Hsm.sealMode(dir));
      view.put("soLoggedIn", SoSession.key(dir).isPresent());
      view.put("soLoginAttemptsLeft", Hsm.SO_LOGIN_LIMIT - r.failedLogins());
      view.put("autoActivation", AutoActivation.isEnabled(dir));
      view.put("kdf", Map.of("memoryKiB", r.kdf().memoryKiB(), "passes", r.kdf().passes(),
          "lanes", r.kdf().lanes(), "belowRecommendation", r.kdf().belowRecommendation()));
      boolean running = ServiceState.read(dir).filter(ServiceState::alive).isPresent();
      view.put("activated", running);
      try (HostStore store = open()) {
        for (PartitionRecord p : store.partitions().list()) {
          parts.add(Map.of("serial", Long.toString(p.serial()), "name", p.name()));
        }
      }
      view.put("partitions", parts);
      view.put("freeStorageBytes", Files.getFileStore(dir).getUsableSpace());
    }
    if (json.json) {
      ctx.printJson(view);
      return;
    }
    var o = out();
    o.println("Appliance Details:");
    o.println("==================");
    o.println("Software Version: " + view.get("softwareVersion") + " (software HSM)");
    o.println();
    o.println("HSM Details:");
    o.println("============");
    o.println("HSM Label: " + r.label());
    o.println("Serial #: " + r.serial());
    if (r.zeroized()) {
      o.println("HSM IS ZEROIZED !!!!  (run hsm init)");
      return;
    }
    o.println("Authentication Method: " + view.get("authentication"));
    o.println("HSM Admin login status: " + ((Boolean) view.get("soLoggedIn") ? "Logged In" : "Not Logged In"));
    o.println("HSM Admin login attempts left: " + view.get("soLoginAttemptsLeft") + " before HSM zeroization!");
    o.println("Activation: " + ((Boolean) view.get("activated") ? "activated (the service runs, unsealed)"
        : "sealed (the service is stopped)"));
    o.println("Auto-activation: " + ((Boolean) view.get("autoActivation") ? "enabled" : "disabled"));
    o.println("Password hashing: Argon2id, " + r.kdf().describe()
        + (r.kdf().belowRecommendation() ? " (BELOW RFC 9106's recommendation)" : ""));
    o.println();
    o.println("Partitions created on HSM:");
    o.println("==========================");
    if (parts.isEmpty()) {
      o.println("There are no partitions.");
    }
    parts.forEach(p -> o.printf("Partition: %s, Name: %s%n", p.get("serial"), p.get("name")));
    o.println();
    o.println("Free storage (file system of the home): " + view.get("freeStorageBytes") + " bytes");
  }
}
