package org.openstc.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Argon2id cost tests choose at {@code hsm init} and {@code stc tokeninit}: Argon2's minimum
 * (64 KiB, 1 pass, 1 lane), given as the visible options an administrator would use
 * (docs/partition-host.md, "Password hashing cost"). SealedHostIT keeps the default.
 */
public final class CheapKdf {
  public static final List<String> OPTIONS =
      List.of("-kdf-memory", "64", "-kdf-passes", "1", "-kdf-lanes", "1");
  /** The same options as one string, for commands typed into a shell. */
  public static final String LINE = String.join(" ", OPTIONS);

  private CheapKdf() {}

  /** {@code args} followed by {@link #OPTIONS}. */
  public static String[] with(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(OPTIONS);
    return all.toArray(String[]::new);
  }
}
