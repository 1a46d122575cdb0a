package org.openstc.cli.stccm.link;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openstc.client.PartitionConnection;
import org.openstc.client.Slot;
import org.openstc.stc.ChannelInfo;
import org.openstc.stc.StcChannel;

/** What {@code stc status} shows about a slot's channel, as ordered key/value pairs. */
public final class ChannelStatus {
  /** Keys of {@link #of} in display order with their labels. */
  public static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("link", "Link State");
    LABELS.put("suite", "Suite");
    LABELS.put("mode", "Cipher Mode");
    LABELS.put("channelId", "Channel ID");
    LABELS.put("messagesSent", "Messages Sent");
    LABELS.put("messagesReceived", "Messages Received");
    LABELS.put("messagesUntilRekey", "Messages Left Before Rekey");
    LABELS.put("keyUpdates", "Key Updates (sent/received)");
    LABELS.put("replayWindow", "Replay Window (messages)");
    LABELS.put("activatedAt", "Activated At");
    LABELS.put("clientFingerprint", "Client Identity Hash (SHA-256)");
    LABELS.put("partitionFingerprint", "Partition Identity Hash (SHA-256)");
  }

  private ChannelStatus() {}

  /** The text form of the value {@link #LABELS} names {@code key} for. */
  public static Object display(Map<String, Object> v, String key) {
    return switch (key) {
      case "messagesUntilRekey" -> v.get(key) == null ? "never (rekey threshold 0)" : v.get(key);
      case "keyUpdates" -> v.get("keyUpdatesSent") + "/" + v.get("keyUpdatesReceived");
      default -> v.get(key);
    };
  }

  public static Map<String, Object> of(Slot slot) {
    PartitionConnection c = slot.connection();
    ChannelInfo info = c.info();
    StcChannel ch = c.channel();
    long until = ch.recordsUntilRekey();
    long[] updates = ch.keyUpdates();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("slot", slot.number());
    v.put("serial", String.valueOf(slot.serial()));
    v.put("link", c.isOpen() ? "up" : "down");
    v.put("suite", info.suite().noiseName());
    v.put("mode", info.mode());
    v.put("channelId", info.channelId());
    v.put("messagesSent", ch.recordsSent());
    v.put("messagesReceived", ch.recordsReceived());
    v.put("messagesUntilRekey", until < 0 ? null : until); // null: never (rekey threshold 0)
    v.put("keyUpdatesSent", updates[0]);
    v.put("keyUpdatesReceived", updates[1]);
    v.put("replayWindow", info.replayWindow());
    v.put("activatedAt", info.activatedAt().toString());
    v.put("clientFingerprint", info.local().fingerprint());
    v.put("partitionFingerprint", info.remote().fingerprint());
    return v;
  }
}
