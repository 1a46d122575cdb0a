package org.openstc.client;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;

/**
 * The client's server list and slots, in {@code $STC_HOME/servers.json} (owner-only, replaced
 * atomically on every change so a crash leaves the old or the new file).
 */
public final class ClientConfig {
  static final String FILE = "servers.json";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final Path file;
  private final Data data;

  private ClientConfig(Path file, Data data) {
    this.file = file;
    this.data = data;
  }

  /** The data as stored. */
  private static final class Data {
    int version = 1;
    List<ServerEntry> servers = new ArrayList<>();
    List<SlotEntry> slots = new ArrayList<>();
  }

  /** Loads the configuration of {@code home}, or an empty one if there is none yet. */
  public static ClientConfig load(Path home) throws StcClientException {
    Path file = home.resolve(FILE);
    if (!Files.exists(file)) {
      return new ClientConfig(file, new Data());
    }
    try {
      Data d = GSON.fromJson(new String(SmallFiles.read(file, SmallFiles.CONFIG_LIMIT),
          StandardCharsets.UTF_8), Data.class);
      if (d == null || d.version != 1 || d.servers == null || d.slots == null) {
        throw new JsonParseException("unknown format");
      }
      return new ClientConfig(file, d);
    } catch (IOException | JsonParseException e) {
      throw new StcClientException(StcClientException.Kind.CONFIG,
          "cannot read " + file + ": " + e.getMessage(), "fix or remove the file", e);
    }
  }

  public List<ServerEntry> servers() {
    return List.copyOf(data.servers);
  }

  public Optional<ServerEntry> server(int id) {
    return data.servers.stream().filter(s -> s.id() == id).findFirst();
  }

  public List<SlotEntry> slots() {
    return List.copyOf(data.slots);
  }

  public Optional<SlotEntry> slot(int slot) {
    return data.slots.stream().filter(s -> s.slot() == slot).findFirst();
  }

  public Optional<SlotEntry> slotForSerial(long serial) {
    return data.slots.stream().filter(s -> s.serial() == serial).findFirst();
  }

  /** Adds a server and returns it with its new id. Refuses a duplicate host:port. */
  public ServerEntry addServer(String host, int port, String label) throws StcClientException {
    for (ServerEntry s : data.servers) {
      if (s.host().equalsIgnoreCase(host) && s.port() == port) {
        throw new StcClientException(StcClientException.Kind.CONFIG, "server " + s.address()
            + " is already registered as server " + s.id(), "use clientconfig listservers");
      }
    }
    int id = data.servers.stream().mapToInt(ServerEntry::id).max().orElse(-1) + 1;
    ServerEntry e = new ServerEntry(id, host, port, label == null ? host : label, false);
    data.servers.add(e);
    save();
    return e;
  }

  /** Removes a server and its slots. */
  public ServerEntry deleteServer(int id) throws StcClientException {
    ServerEntry e = requireServer(id);
    data.servers.remove(e);
    data.slots.removeIf(s -> s.serverId() == id);
    save();
    return e;
  }

  /** Marks a server STC-enabled (or not); disabling drops its slots. */
  public ServerEntry setStcEnabled(int id, boolean enabled) throws StcClientException {
    ServerEntry e = requireServer(id);
    ServerEntry updated = e.withStcEnabled(enabled);
    data.servers.set(data.servers.indexOf(e), updated);
    if (!enabled) {
      data.slots.removeIf(s -> s.serverId() == id);
    }
    save();
    return updated;
  }

  /** Assigns a slot to a partition found on a server (keeps an existing slot number). */
  public SlotEntry assignSlot(long serial, int serverId) throws StcClientException {
    return assignSlot(serial, serverId, null);
  }

  /**
   * Assigns a slot to a partition found on a server that reported {@code label} (null: not read,
   * the slot keeps the label it had). An existing slot keeps its number.
   */
  public SlotEntry assignSlot(long serial, int serverId, String label) throws StcClientException {
    Optional<SlotEntry> existing = slotForSerial(serial);
    String kept = label != null ? label : existing.map(SlotEntry::label).orElse(null);
    if (existing.isPresent() && existing.get().serverId() == serverId
        && java.util.Objects.equals(existing.get().label(), kept)) {
      return existing.get();
    }
    existing.ifPresent(data.slots::remove);
    int slot = existing.map(SlotEntry::slot)
        .orElse(data.slots.stream().mapToInt(SlotEntry::slot).max().orElse(-1) + 1);
    SlotEntry e = new SlotEntry(slot, serial, serverId, kept);
    data.slots.add(e);
    data.slots.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
    save();
    return e;
  }

  /** Records the label the partition with {@code serial} reported (its slot, if it has one). */
  public void labelSlot(long serial, String label) throws StcClientException {
    Optional<SlotEntry> e = slotForSerial(serial);
    if (e.isPresent() && label != null) {
      assignSlot(serial, e.get().serverId(), label);
    }
  }

  /** Forgets the slot of a partition (deregistered from the token). */
  public void dropSlot(long serial) throws StcClientException {
    if (data.slots.removeIf(s -> s.serial() == serial)) {
      save();
    }
  }

  public ServerEntry requireServer(int id) throws StcClientException {
    return server(id).orElseThrow(() -> new StcClientException(StcClientException.Kind.CONFIG,
        "no server with id " + id, "use clientconfig listservers to see the ids"));
  }

  private void save() throws StcClientException {
    writeJson(file, data);
  }

  /** Writes {@code data} as JSON to {@code file}, owner-only, replacing it atomically. */
  static void writeJson(Path file, Object data) throws StcClientException {
    try {
      OwnerOnlyFiles.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      OwnerOnlyFiles.write(tmp, GSON.toJson(data).getBytes(StandardCharsets.UTF_8));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new StcClientException(StcClientException.Kind.CONFIG,
          "cannot write " + file + ": " + e.getMessage(), "check the permissions of STC_HOME", e);
    }
  }

  /** Reads JSON {@code file} as {@code type}, or null when it does not exist. */
  static <T> T readJson(Path file, Class<T> type) throws StcClientException {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      T d = GSON.fromJson(new String(SmallFiles.read(file, SmallFiles.CONFIG_LIMIT), StandardCharsets.UTF_8), type);
      if (d == null) {
        throw new JsonParseException("empty");
      }
      return d;
    } catch (IOException | JsonParseException e) {
      throw new StcClientException(StcClientException.Kind.CONFIG,
          "cannot read " + file + ": " + e.getMessage(), "fix or remove the file", e);
    }
  }
}
