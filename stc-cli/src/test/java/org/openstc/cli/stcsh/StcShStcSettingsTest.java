package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.partition.store.SettingChanges;

/** stcsh stc rekeythreshold|replaywindow|activationtimeout set|show, as the host administrator types them. */
class StcShStcSettingsTest {
  @TempDir
  Path home;
  StcShHarness h;

  @BeforeEach
  void partition() {
    h = StcShHarness.initialized(home);
    ok("partition", "create", "-partition", "p1", "-size", "100000");
  }

  private void ok(String... args) {
    assertEquals(0, h.run(args), h::both);
  }

  private void fails(ExitCode code, String... args) {
    assertEquals(code.code(), h.run(args), h::both);
  }

  /** The audit lines of settings changes (the log also has every other changing command). */
  private List<String> audit() throws Exception {
    Path f = home.resolve(SettingChanges.AUDIT_FILE);
    return Files.exists(f) ? Files.readAllLines(f).stream().filter(l -> l.contains("changed from")).toList() : List.of();
  }

  @Test
  void defaultsThenChangesWithTheVendorSentences() throws Exception {
    ok("stc", "replaywindow", "show", "-partition", "p1");
    assertTrue(h.out.contains("The current replay window size for partition p1 is 120 commands."), h::both);
    ok("stc", "rekeythreshold", "show", "-partition", "p1");
    assertTrue(h.out.contains("The current rekey threshold for partition p1 is 400 million messages."), h::both);
    ok("stc", "activationtimeout", "show", "-partition", "p1");
    assertTrue(h.out.contains("The current activation timeout for partition p1 is 60 seconds."), h::both);

    ok("stc", "replaywindow", "set", "-partition", "p1", "-size", "500");
    assertTrue(h.out.contains("Successfully changed the size of the replay window for partition p1 to 500 commands."), h::both);
    assertTrue(h.out.contains("Command Result : 0 (Success)"), h::both);
    ok("stc", "rekeythreshold", "set", "-p", "p1", "-v", "200");
    assertTrue(h.out.contains("Successfully changed the rekey threshold for partition p1 to 200 million messages."), h::both);
    ok("stc", "activationtimeout", "set", "-partition", "p1", "-value", "600");
    assertTrue(h.out.contains("Successfully changed the activation timeout for partition p1 to 600 seconds."), h::both);
    ok("stc", "rep", "se", "-p", "p1", "-value", "100"); // abbreviations of commands and options

    ok("stc", "replaywindow", "show", "-partition", "p1", "-json");
    JsonObject rw = JsonParser.parseString(h.out).getAsJsonObject();
    assertEquals("p1", rw.get("partition").getAsString());
    assertEquals(100, rw.get("replayWindow").getAsInt());
    ok("stc", "rekeythreshold", "show", "-partition", "p1", "-json");
    assertEquals(200, JsonParser.parseString(h.out).getAsJsonObject().get("rekeyThresholdMillions").getAsInt());
    ok("stc", "activationtimeout", "show", "-partition", "p1", "-json");
    assertEquals(600, JsonParser.parseString(h.out).getAsJsonObject().get("activationTimeoutSeconds").getAsInt());
  }

  @Test
  void outOfRangeValuesAreRefusedWithTheRangeAndChangeNothing() throws Exception {
    String[][] refused = {
        {"replaywindow", "99", "100..1000"}, {"replaywindow", "1001", "100..1000"},
        {"rekeythreshold", "-1", "0..4000"}, {"rekeythreshold", "4001", "0..4000"},
        {"activationtimeout", "0", "1..600"}, {"activationtimeout", "601", "1..600"},
        {"activationtimeout", "99999999999", "1..600"}};
    for (String[] r : refused) {
      fails(ExitCode.USAGE, "stc", r[0], "set", "-partition", "p1", "-value", r[1]);
      assertTrue(h.err.contains(r[2]), h::both);
    }
    ok("stc", "replaywindow", "show", "-partition", "p1", "-json");
    assertEquals(120, JsonParser.parseString(h.out).getAsJsonObject().get("replayWindow").getAsInt());
    assertEquals(List.of(), audit(), "refused changes leave no audit line");
    ok("stc", "rekeythreshold", "set", "-partition", "p1", "-value", "0"); // 0 = never rekey
    ok("stc", "rekeythreshold", "set", "-partition", "p1", "-value", "4000");
  }

  @Test
  void unknownPartitionIsNotFound() {
    fails(ExitCode.NOT_FOUND, "stc", "replaywindow", "set", "-partition", "nope", "-value", "500");
    fails(ExitCode.NOT_FOUND, "stc", "replaywindow", "show", "-partition", "nope");
    fails(ExitCode.USAGE, "stc", "replaywindow", "set", "-partition", "p1");
  }

  @Test
  void eachChangeLeavesOneOwnerOnlyAuditLineNamingWhoAndWhat() throws Exception {
    ok("stc", "replaywindow", "set", "-partition", "p1", "-value", "500");
    ok("stc", "activationtimeout", "set", "-partition", "p1", "-time", "30");
    List<String> lines = audit();
    assertEquals(2, lines.size(), lines::toString);
    String user = System.getProperty("user.name");
    assertTrue(JsonParser.parseString(lines.get(0)).getAsJsonObject().get("command").getAsString().matches(
        "setting REPLAY_WINDOW of partition p1 \\(serial \\d+\\) changed from 120 to 500"
        + " by stcsh user " + java.util.regex.Pattern.quote(user)), lines.get(0));
    assertTrue(lines.get(1).contains("setting ACTIVATION_TIMEOUT of partition p1") && lines.get(1).contains("from 60 to 30"),
        lines.get(1));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(home.resolve(SettingChanges.AUDIT_FILE))));
  }
}
