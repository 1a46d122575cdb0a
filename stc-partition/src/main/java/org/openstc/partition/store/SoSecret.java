package org.openstc.partition.store;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the HSM SO presents: the SO password, or M share files each with its holder's password
 * (the PED-key analogue). At {@code hsm init} the same shapes say how to seal: {@link #password}
 * or {@link #newShares}. The caller owns the char arrays and wipes them ({@link #wipe}).
 */
public final class SoSecret {
  final char[] password;
  final List<Path> shareFiles;
  final List<char[]> sharePasswords;
  final int m;
  Path shareDir;

  private SoSecret(char[] password, List<Path> shareFiles, List<char[]> sharePasswords, int m) {
    this.password = password;
    this.shareFiles = shareFiles;
    this.sharePasswords = sharePasswords;
    this.m = m;
  }

  /** The SO password: seals the master key at init, unseals it later. */
  public static SoSecret password(char[] password) {
    return new SoSecret(password, List.of(), List.of(), 0);
  }

  /** Share files to unseal with, and their holder passwords in the same order. */
  public static SoSecret shares(List<Path> files, List<char[]> passwords) {
    if (files.size() != passwords.size()) {
      throw new IllegalArgumentException(files.size() + " share files but " + passwords.size() + " passwords");
    }
    return new SoSecret(null, List.copyOf(files), List.copyOf(passwords), 0);
  }

  /**
   * At init: split the key-encryption key into {@code passwords.size()} shares, any {@code m} of
   * which unseal, written to {@code dir} ({@link #shareFile} names them) and each sealed by the
   * holder password at the same index.
   */
  public static SoSecret newShares(int m, Path dir, List<char[]> passwords) {
    SoSecret s = new SoSecret(null, List.of(), List.copyOf(passwords), m);
    s.shareDir = dir;
    return s;
  }

  /** The file of share {@code i} (1..n) of host {@code serial} in {@code dir}. */
  public static Path shareFile(Path dir, long serial, int i, int n) {
    return dir.resolve("hsm-" + serial + "-share-" + i + "of" + n + ".key");
  }

  boolean isPassword() {
    return password != null;
  }

  public void wipe() {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
    sharePasswords.forEach(p -> Arrays.fill(p, '\0'));
  }
}
