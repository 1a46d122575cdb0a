package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hagroups.json: persistence, the vendor's group-number rule, refusals, a damaged file. */
class HaConfigTest {
  @TempDir Path home;

  @Test
  void groupNumberFollowsTheCreatingMember() throws Exception {
    HaConfig c = HaConfig.load(home);
    assertEquals("1154438865287", c.create("myHA", 154438865287L).number());
    c.addMember("myHA", 1238700701509L, false);
    c.addMember("myHA", 42L, true);
    HaConfig.Group g = HaConfig.load(home).removeMember("myHA", 154438865287L);
    assertEquals("11238700701509", g.number(), "the number changes when its member leaves");
    HaConfig again = HaConfig.load(home);
    assertEquals(List.of(1238700701509L), again.group("myHA").orElseThrow().members());
    assertEquals(List.of(42L), again.group("myHA").orElseThrow().standby());
  }

  @Test
  void refusalsAndDamage() throws Exception {
    HaConfig c = HaConfig.load(home);
    c.create("g", 1L);
    assertThrows(StcClientException.class, () -> c.addMember("g", 1L, true));
    assertThrows(StcClientException.class, () -> c.removeMember("g", 1L));
    assertThrows(StcClientException.class, () -> c.interval(59));
    assertThrows(StcClientException.class, () -> c.create("", 2L));
    Files.writeString(home.resolve(HaConfig.FILE), "{\"version\": 9}");
    StcClientException e = assertThrows(StcClientException.class, () -> HaConfig.load(home));
    assertTrue(e.getMessage().contains("unknown format"), e.getMessage());
    Files.writeString(home.resolve(HaConfig.FILE), "{not json");
    assertEquals(StcClientException.Kind.CONFIG, assertThrows(StcClientException.class,
        () -> HaConfig.load(home)).kind());
  }
}
