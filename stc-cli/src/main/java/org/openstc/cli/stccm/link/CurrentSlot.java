package org.openstc.cli.stccm.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openstc.client.ClientConfig;
import org.openstc.client.SlotEntry;
import org.openstc.client.SlotNumbers;
import org.openstc.client.StcClientException;
import org.openstc.client.StcClientException.Kind;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;

/**
 * The current slot ({@code slot set}), kept in {@code $STC_HOME/current_slot} so one-shot commands
 * and later shells use it too. Without one, the lowest slot is current.
 */
final class CurrentSlot {
  static final String FILE = "current_slot";

  private CurrentSlot() {}

  static int get(Path home) throws StcClientException {
    ClientConfig config = ClientConfig.load(home);
    Path file = home.resolve(FILE);
    if (Files.exists(file)) {
      try {
        int n = Integer.parseInt(new String(SmallFiles.read(file), StandardCharsets.UTF_8).strip());
        if (exists(home, config, n)) {
          return n;
        }
      } catch (IOException | NumberFormatException e) {
        throw new StcClientException(Kind.CONFIG, "cannot read the current slot from " + file + ": "
            + e.getMessage(), "run slot set -slot <n>", e);
      }
    }
    return config.slots().stream().mapToInt(SlotEntry::slot).min().orElseThrow(
        () -> new StcClientException(Kind.CONFIG, "there are no slots",
            "register the partition's .pid (stc partitionregister), add its server "
                + "(clientconfig addserver) and run stc enable -id <server>"));
  }

  /** A physical slot, or an HA group's virtual slot. */
  private static boolean exists(Path home, ClientConfig config, int n) throws StcClientException {
    return config.slot(n).isPresent()
        || SlotNumbers.haGroup(home, n, org.openstc.client.StcClient.DEFAULT_TIMEOUT).isPresent();
  }

  static void set(Path home, int n) throws StcClientException {
    if (!exists(home, ClientConfig.load(home), n)) {
      throw new StcClientException(Kind.CONFIG, "no slot " + n, "see slot list");
    }
    try {
      OwnerOnlyFiles.createDirectories(home);
      OwnerOnlyFiles.write(home.resolve(FILE), (n + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StcClientException(Kind.CONFIG, "cannot write " + home.resolve(FILE) + ": "
          + e.getMessage(), "check the permissions of STC_HOME", e);
    }
  }

  /** Forgets the current slot if it is {@code n} (its partition was deregistered). */
  static void forget(Path home, int n) throws StcClientException {
    Path file = home.resolve(FILE);
    try {
      if (Files.exists(file) && new String(SmallFiles.read(file), StandardCharsets.UTF_8).strip()
          .equals(String.valueOf(n))) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new StcClientException(Kind.CONFIG, "cannot update " + file + ": " + e.getMessage(),
          "check the permissions of STC_HOME", e);
    }
  }
}
