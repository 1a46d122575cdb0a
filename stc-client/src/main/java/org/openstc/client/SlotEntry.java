package org.openstc.client;

/** A slot: a registered partition found on an STC-enabled server. */
public record SlotEntry(int slot, long serial, int serverId) {}
