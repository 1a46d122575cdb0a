package org.openstc.client;

/**
 * A slot: a registered partition found on an STC-enabled server. {@code label} is the label the
 * partition itself reported (PARTITION_INFO) the last time this client reached it, so every client
 * shows the same one; null if it was never read (then the label registered in the token is shown).
 */
public record SlotEntry(int slot, long serial, int serverId, String label) {
  public SlotEntry(int slot, long serial, int serverId) {
    this(slot, serial, serverId, null);
  }
}
