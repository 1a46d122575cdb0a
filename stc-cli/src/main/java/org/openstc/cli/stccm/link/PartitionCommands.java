package org.openstc.cli.stccm.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.client.Slot;
import org.openstc.command.ObjectBodies;
import org.openstc.command.PartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code partition} group: the partition in the current slot, over its STC channel. */
@Command(name = "partition", description = "The partition in the current slot: init, show, contents.",
    subcommands = {PartitionCommands.Init.class, PartitionCommands.Show.class,
        PartitionCommands.Contents.class})
public final class PartitionCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "init", description = "Initialize the partition: its label and the Partition SO PIN."
      + " Again on an initialized partition (Partition SO logged in): erases all objects and the co/cu PINs.")
  static final class Init extends SlotCommand {
    @Option(names = {"-label", "--label"}, required = true, description = "partition label")
    String label;
    @Mixin Options.Password password;
    @Mixin Options.Force force;
    @Option(names = {"-domain", "--domain"}, paramLabel = "SECRET", arity = "0..1", fallbackValue = "",
        description = "set the cloning domain from this secret (prompted if no value; for HA groups)")
    char[] domain;
    @Option(names = {"-domain-file", "--domain-file"}, paramLabel = "FILE",
        description = "set the cloning domain from the secret in this file (first line)")
    java.nio.file.Path domainFile;

    Init(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      char[] pin = null;
      try {
        Slot s = slot();
        if (s.info().initialized()) {
          Confirmation.require(ctx, force.force, "You are about to re-initialize the partition in slot "
              + s.number() + ": all its objects and the Crypto Officer and Crypto User PINs are erased.");
        }
        pin = Passwords.getNew(ctx, password.password, "Enter the new Partition SO PIN: ");
        CloningDomain.checkOptions(domain, domainFile);
        s.initialize(label, pin);
        // The host closes the partition's channels after a re-initialization; the next command
        // opens a fresh one instead of reporting a lost channel.
        session().drop(s.number());
        if (domain != null || domainFile != null) {
          CloningDomain.set(ctx, slot(), pin, domain, domainFile);
        }
        ClientSession.config(home()).labelSlot(s.serial(), label);
        out().printf("Partition in slot %d successfully initialized with label %s%s.%n", s.number(), label,
            domain != null || domainFile != null ? " and its cloning domain set" : "");
      } finally {
        Passwords.wipe(domain);
        Passwords.wipe(pin);
        Passwords.wipe(password.password);
      }
    }
  }

  @Command(name = "show", description = "Label, serial, key type, storage and client registrations.")
  static final class Show extends SlotCommand {
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = slot();
      PartitionInfo i = s.info();
      ClientSession.config(home()).labelSlot(s.serial(), i.label());
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("slot", s.number());
      v.put("name", i.name());
      v.put("serial", String.valueOf(i.serial()));
      v.put("label", i.label());
      v.put("initialized", i.initialized());
      v.put("keyType", i.keyType().label());
      v.put("sizeBytes", i.sizeBytes());
      v.put("usedBytes", i.usedBytes());
      v.put("freeBytes", i.freeBytes());
      v.put("clients", i.clients());
      v.put("moreClientsFit", i.moreClientsFit());
      v.put("objects", i.objects());
      v.put("fingerprint", i.fingerprint());
      if (json.json) {
        ctx.printJson(v);
        return;
      }
      out().printf("Partition in slot %d:%n", s.number());
      out().printf("  Name :                          %s%n", i.name());
      out().printf("  Serial Number :                 %d%n", i.serial());
      out().printf("  Label :                         %s%n", i.label());
      out().printf("  Initialized :                   %s%n", i.initialized() ? "yes" : "no");
      out().printf("  Identity Key Type :             %s%n", i.keyType().label());
      out().printf("  Identity Hash (SHA-256) :       %s%n", i.fingerprint());
      out().printf("  Size / Used / Free (bytes) :    %d / %d / %d%n", i.sizeBytes(), i.usedBytes(),
          i.freeBytes());
      out().printf("  Registered Clients :            %d (%d more fit, %d bytes each)%n", i.clients(),
          i.moreClientsFit(), PartitionInfo.REGISTRATION_BYTES);
      out().printf("  Objects :                       %d%n", i.objects());
    }
  }

  @Command(name = "contents", description = "List the key objects (Crypto Officer or Crypto User).")
  static final class Contents extends RoleCommand {
    @Mixin Options.Json json;

    Contents(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = slot();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ObjectBodies.Entry e : s.objects()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("handle", e.handle());
        r.put("type", e.type().label());
        r.put("label", e.label());
        r.put("storedBytes", e.storedBytes());
        rows.add(r);
      }
      if (json.json) {
        ctx.printJson(Map.of("slot", s.number(), "objects", rows));
        return;
      }
      out().printf("The partition in slot %d contains %d object(s):%n", s.number(), rows.size());
      for (Map<String, Object> r : rows) {
        out().printf("  Handle %-6s %-8s %-32s %s bytes%n", r.get("handle"), r.get("type"),
            r.get("label"), r.get("storedBytes"));
      }
    }
  }
}
