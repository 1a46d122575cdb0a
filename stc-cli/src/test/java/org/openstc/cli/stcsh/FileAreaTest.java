package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file area's path rules: only plain names of regular files at its top, nothing else. */
class FileAreaTest {
  @TempDir Path home;

  @Test
  void hostileNamesAreRefusedBeforeTheFileSystemIsAsked() {
    for (String bad : List.of("", ".", "..", "../x", "../../etc/passwd", "/etc/passwd", "a/b",
        "a\\b", ".hidden", "x\u0000y", "new\nline", "sp ace", "é.pem", "a".repeat(129), "~",
        "~root", "*.pem", "$(id)")) {
      IOException e = assertThrows(IOException.class, () -> FileArea.checkName(bad), bad);
      assertFalse(e.getMessage().isBlank());
    }
    for (String good : List.of("client.pem", "server.pem", "a", "par1.pid", "my-host_1@x.stcid",
        "a".repeat(128))) {
      assertDoesNotThrow(good);
    }
  }

  @Test
  void theAreaIsOwnerOnlyPerAccountAndRefusesLinksAndDirectories() throws Exception {
    FileArea area = FileArea.of(home, "admin");
    assertEquals(home.resolve("files/admin"), area.dir());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(area.dir())));
    assertThrows(IOException.class, () -> FileArea.of(home, "../x"));
    Path outside = Files.writeString(home.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(area.dir().resolve("link.pem"), outside);
    Files.createDirectory(area.dir().resolve("sub"));
    area.write("client.pem", "pem".getBytes());
    IOException link = assertThrows(IOException.class, () -> area.resolve("link.pem"));
    assertTrue(link.getMessage().contains("symbolic link"), link.getMessage());
    assertThrows(IOException.class, () -> area.read("link.pem"));
    assertThrows(IOException.class, () -> area.delete("link.pem"));
    assertThrows(IOException.class, () -> area.write("link.pem", "x".getBytes()));
    assertThrows(IOException.class, () -> area.resolve("sub"));
    assertEquals("outside", Files.readString(outside));
    List<FileArea.Entry> files = area.list();
    assertEquals(1, files.size(), files.toString());
    assertEquals("client.pem", files.get(0).name());
    assertEquals(3, files.get(0).size());
    assertTrue(area.delete("client.pem"));
    assertFalse(area.delete("client.pem"));
  }

  @Test
  void anAreaThatIsALinkIsRefused() throws Exception {
    Files.createDirectories(home.resolve("files"));
    Files.createSymbolicLink(home.resolve("files/admin"), home);
    IOException e = assertThrows(IOException.class, () -> FileArea.of(home, "admin"));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
  }

  private static void assertDoesNotThrow(String name) {
    try {
      FileArea.checkName(name);
    } catch (IOException e) {
      throw new AssertionError(name + " refused: " + e.getMessage(), e);
    }
  }
}
