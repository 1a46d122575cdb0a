package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log: owner-only, appended, one well-formed JSON object per line whatever the text. */
class AuditLogTest {
  @TempDir Path home;

  @Test
  void linesAreAppendedOwnerOnlyAndEscaped() throws Exception {
    assertEquals(List.of(), AuditLog.read(home, 0));
    AuditLog.append(home, "admin", "user add -u bob", "0 (Success)");
    AuditLog.append(home, "ev\"il\nname", "a\\b\u0000c\u2028", "2 (Invalid)");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(AuditLog.FILE))));
    List<String> lines = AuditLog.read(home, 0);
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).matches("\\{\"time\":\"[0-9T:.Z-]+\",\"account\":\"admin\",\"command\":\"user add -u bob\",\"result\":\"0 \\(Success\\)\"}"),
        lines.get(0));
    assertTrue(lines.get(1).contains("\"account\":\"ev\\\"il\\u000aname\""), lines.get(1));
    assertTrue(lines.get(1).contains("\"command\":\"a\\\\b\\u0000c\\u2028\""), lines.get(1));
    assertEquals(List.of(lines.get(1)), AuditLog.read(home, 1));
    assertEquals(lines, AuditLog.read(home, 5));
  }
}
