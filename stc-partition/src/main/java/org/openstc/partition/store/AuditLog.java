package org.openstc.partition.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.openstc.command.CkResult;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's audit log: {@value #FILE} in the host home, owner-only, append-only, one JSON object
 * per line: {@code {"time":"<ISO-8601>","account":"...","command":"...","result":"..."}}. Every
 * administrative change appends a line (stcsh does it for each changing command, with the
 * account that ran it), as do failed logins and the STC settings changes of {@link SettingChanges}.
 * Usage: {@code AuditLog.append(home, account, "hsm init -label L", "0 (Success)")}.
 */
public final class AuditLog {
  public static final String FILE = "audit.log";
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final Object LOCK = new Object();

  private AuditLog() {}

  /**
   * Appends one line. A failure to write is a store error (CKR_DEVICE_ERROR): the change it
   * describes may already be made, and the caller must know the audit is incomplete.
   */
  public static void append(Path home, String account, String command, String result) throws StoreException {
    String line = "{\"time\":" + quote(Instant.now().toString()) + ",\"account\":" + quote(account)
        + ",\"command\":" + quote(command) + ",\"result\":" + quote(result) + "}";
    LOG.debug("audit: {}", line); // the audit file is the record; the terminal gets the command's own output
    Path file = home.resolve(FILE);
    synchronized (LOCK) { // one process's lines never interleave; O_APPEND orders processes
      try {
        if (!Files.exists(file)) {
          OwnerOnlyFiles.write(file, new byte[0]);
        }
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new StoreException(CkResult.CKR_DEVICE_ERROR,
            "the audit line could not be written to " + file + ": " + e.getMessage());
      }
    }
  }

  /** The last {@code tail} lines (all when {@code tail} is 0 or less); empty when there is no log yet. */
  public static List<String> read(Path home, int tail) throws StoreException {
    try {
      List<String> lines = Files.readAllLines(home.resolve(FILE), StandardCharsets.UTF_8);
      return tail <= 0 || tail >= lines.size() ? lines : lines.subList(lines.size() - tail, lines.size());
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot read " + home.resolve(FILE) + ": " + e.getMessage());
    }
  }

  /** A JSON string literal; control characters are escaped, so one entry is always one line. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : String.valueOf(s).toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
