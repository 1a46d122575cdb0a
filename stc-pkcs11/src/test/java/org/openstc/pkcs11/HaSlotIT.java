package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.HaConfig;

/**
 * pkcs11-tool through p11-kit-client.so and {@code bin/stc-p11} on an HA group of two partition
 * hosts: the virtual slot is listed as a token after the physical ones, a key made on it is on
 * both members, and signing on it goes on, with no error, after one member's host stops. With
 * HA-only the members' slots disappear and the virtual slot keeps its number.
 */
class HaSlotIT {
  private static final String HA_SLOT = "2";
  @TempDir Path dir;

  private static Tool.Result ok(Path socket, String... args) throws Exception {
    Tool.Result r = Tool.pkcs11Tool(socket, args);
    assertEquals(0, r.status(), String.join(" ", args) + "\n" + r.output());
    return r;
  }

  private static String[] onHaSlot(String... args) {
    List<String> all = new ArrayList<>(List.of("--slot", HA_SLOT, "--login", "--pin", LivePartition.CO_PIN));
    all.addAll(List.of(args));
    return all.toArray(new String[0]);
  }

  @BeforeEach
  void tools() {
    assumeTrue(Tool.installed("pkcs11-tool") && Files.exists(Path.of(Tool.CLIENT_MODULE)),
        "pkcs11-tool and p11-kit-modules are installed by .ci/run");
  }

  @Test
  void aKeyOnTheVirtualSlotSignsAfterAMemberStops() throws Exception {
    try (LiveHaGroup g = LiveHaGroup.create(dir, 2)) {
      HaConfig.load(g.home).haOnly(false);
      g.serve(dir.resolve("p11.sock"));
      Path socket = g.socket();
      String slots = ok(socket, "--list-slots").output();
      assertTrue(slots.contains("token label        : " + LiveHaGroup.LABEL), slots);
      assertTrue(slots.contains("serial num         : 1" + g.serials.get(0)), slots);
      ok(socket, onHaSlot("--keypairgen", "--key-type", "EC:prime256v1", "--label", "ha-ec"));
      Path data = Files.write(dir.resolve("data"), new byte[32]);
      Path sig = dir.resolve("sig");
      ok(socket, onHaSlot("--sign", "--mechanism", "ECDSA", "--label", "ha-ec", "--input-file", data.toString(),
          "--output-file", sig.toString()));
      g.stopHost(1);
      for (int i = 0; i < 3; i++) {
        Files.deleteIfExists(sig);
        ok(socket, onHaSlot("--sign", "--mechanism", "ECDSA", "--label", "ha-ec", "--input-file", data.toString(),
            "--output-file", sig.toString()));
        assertEquals(64, Files.size(sig));
      }
      String objects = ok(socket, onHaSlot("--list-objects")).output();
      assertTrue(objects.contains("ha-ec"), objects);
    }
  }

  @Test
  void haOnlyHidesTheMembersAndKeepsTheVirtualSlotNumber() throws Exception {
    try (LiveHaGroup g = LiveHaGroup.create(dir, 2)) {
      HaConfig.load(g.home).haOnly(true);
      g.serve(dir.resolve("p11.sock"));
      String slots = ok(g.socket(), "--list-slots").output();
      assertTrue(slots.contains("token label        : " + LiveHaGroup.LABEL), slots);
      assertFalse(slots.contains("serial num         : " + g.serials.get(0) + "\n"), slots);
      ok(g.socket(), onHaSlot("--keypairgen", "--key-type", "EC:prime256v1", "--label", "only"));
    }
  }
}
