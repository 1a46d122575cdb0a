package org.openstc.cli.common;

import java.nio.file.Path;
import java.util.Map;

/** Resolves the openstc home directory: {@code -home} option, then {@code STC_HOME}, then ~/.stc. */
public final class StcHome {
  public static final String ENV = "STC_HOME";

  private StcHome() {}

  public static Path resolve(Path option, Map<String, String> env) {
    if (option != null) {
      return option.toAbsolutePath();
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".stc");
  }
}
