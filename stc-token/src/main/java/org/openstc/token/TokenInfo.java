package org.openstc.token;

import java.time.Instant;

/**
 * What {@code stc tokenlist} shows: label, serial, creation time, how the private key is protected,
 * and how many unlock attempts failed since the last successful one.
 */
public record TokenInfo(String label, String serial, Instant created, boolean passphraseProtected,
    long failedUnlocks, int schemaVersion) {}
