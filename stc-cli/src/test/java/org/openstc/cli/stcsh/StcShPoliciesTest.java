package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;

/**
 * {@code hsm showPolicies|changePolicy}, {@code partition showPolicies|changePolicy|activate|
 * deactivate}: the vendor's numbers, names and lines, every refusal, and the {@code proceed}
 * prompt of a destructive change.
 */
class StcShPoliciesTest {
  @TempDir Path home;
  StcShHarness h;

  @BeforeEach
  void partition() {
    h = StcShHarness.initialized(home);
    ok("partition", "create", "-partition", "p1", "-size", "100000");
  }

  private void ok(String... args) {
    assertEquals(0, h.run(args), h::both);
  }

  private void fails(ExitCode code, String text, String... args) {
    assertEquals(code.code(), h.run(args), h::both);
    assertTrue(h.err.contains(text), h::both);
  }

  @Test
  void hsmPoliciesShowAndChangeWithTheVendorLines() {
    ok("hsm", "showPolicies");
    assertTrue(h.out.matches("(?s).*Allow cloning\\s+On\\s+7\\s+Yes.*"), h::both);
    assertTrue(h.out.matches("(?s).*Allow network replication\\s+Off\\s+16\\s+No.*"), h::both);
    assertTrue(h.out.matches("(?s).*Allow Secure Trusted Channel\\s+On\\s+39\\s+No.*"), h::both);
    ok("hsm", "changePolicy", "-policy", "16", "-value", "1");
    assertTrue(h.out.contains("'hsm changePolicy' successful.\nPolicy \"Allow network replication\" is now set to: 1"), h::both);
    ok("hsm", "showp", "-json");
    JsonArray rows = JsonParser.parseString(h.out).getAsJsonObject().getAsJsonArray("policies");
    assertEquals(16, rows.get(1).getAsJsonObject().get("code").getAsInt());
    assertEquals(1, rows.get(1).getAsJsonObject().get("value").getAsInt());
  }

  @Test
  void badPolicyNumbersAndValuesAreRefusedAndChangeNothing() {
    fails(ExitCode.USAGE, "no HSM policy 8", "hsm", "changePolicy", "-policy", "8", "-value", "1");
    fails(ExitCode.USAGE, "0 (off) or 1 (on), not 2", "hsm", "changePolicy", "-policy", "16", "-value", "2");
    fails(ExitCode.USAGE, "no partition policy 7", "partition", "changePolicy", "-partition", "p1", "-policy", "7", "-value", "1");
    fails(ExitCode.USAGE, "not -1", "partition", "changePolicy", "-partition", "p1", "-policy", "22", "-value", "-1");
    fails(ExitCode.NOT_FOUND, "nope", "partition", "changePolicy", "-partition", "nope", "-policy", "22", "-value", "1");
    fails(ExitCode.USAGE, "", "partition", "changePolicy", "-partition", "p1", "-policy", "x", "-value", "1");
    ok("hsm", "changePolicy", "-policy", "39", "-value", "0");
    fails(ExitCode.NOT_PERMITTED, "needs HSM policy 39", "partition", "changePolicy", "-partition", "p1", "-policy", "37", "-value", "1");
    ok("partition", "showPolicies", "-partition", "p1");
    assertTrue(h.out.matches("(?s).*Force Secure Trusted Channel\\s+Off\\s+37.*"), h::both);
    assertFalse(h.err.contains("Exception"), h::both);
  }

  @Test
  void aDestructivePolicyAsksProceedAndDestroysThePartitionsOnlyAfterIt() {
    assertEquals(ExitCode.CANCELLED.code(), h.runWith("quit\n", "hsm", "changePolicy", "-policy", "7", "-value", "0"), h::both);
    assertTrue(h.out.contains("destroys every partition"), h::both);
    ok("partition", "list");
    assertTrue(h.out.contains("p1"), h::both);
    ok("hsm", "showPolicies");
    assertTrue(h.out.matches("(?s).*Allow cloning\\s+On\\s+7.*"), "nothing changed: " + h.both());
    assertEquals(0, h.runWith("proceed\n", "hsm", "changePolicy", "-policy", "7", "-value", "0"), h::both);
    assertTrue(h.out.contains("Partition p1 destroyed."), h::both);
    ok("partition", "list");
    assertFalse(h.out.contains("p1 "), h::both);
    ok("hsm", "changePolicy", "-policy", "7", "-value", "1", "-force"); // -force for scripts, no prompt
  }

  @Test
  void activationFollowsPolicy22AndShowsInShowPolicies() {
    ok("partition", "deactivate", "-partition", "p1");
    assertTrue(h.out.contains("'partition deactivate' successful."), h::both);
    ok("partition", "showPolicies", "-partition", "p1", "-json");
    JsonObject o = JsonParser.parseString(h.out).getAsJsonObject();
    assertFalse(o.get("activated").getAsBoolean());
    ok("partition", "changePolicy", "-partition", "p1", "-policy", "22", "-value", "0");
    assertTrue(h.out.contains("Policy \"Allow activation\" is now set to: 0"), h::both);
    fails(ExitCode.NOT_PERMITTED, "policy 22 (Allow activation) is off", "partition", "activate", "-partition", "p1");
    ok("partition", "changePolicy", "-partition", "p1", "-policy", "22", "-value", "1");
    ok("partition", "activate", "-partition", "p1");
    assertTrue(h.out.contains("'partition activate' successful."), h::both);
    ok("partition", "showPolicies", "-partition", "p1");
    assertTrue(h.out.contains("Activation state: Activated"), h::both);
    fails(ExitCode.NOT_FOUND, "nope", "partition", "activate", "-partition", "nope");
  }
}
