package org.openstc.partition.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code host.record}: who this host is (label, serial, the id of its current seal, when it was
 * initialised) and the HSM SO's failed login count. Kept apart from {@code master.key} so that
 * counting a failed login never rewrites the sealed key. A zeroized host keeps its record (with
 * {@code zeroized=true}) so that {@code hsm show} can say so.
 */
public record HostRecord(String label, long serial, String seal, String created, int failedLogins,
    boolean zeroized) {
  static final String FILE = "host.record";
  static final String FORMAT = "openstc-host-1";

  static boolean exists(Path home) {
    return Files.exists(home.resolve(FILE));
  }

  static HostRecord read(Path home) throws StoreException {
    SealFile f = SealFile.read(home.resolve(FILE), FORMAT);
    return new HostRecord(f.get("label"), f.getLong("serial", 1, Long.MAX_VALUE), f.get("seal"),
        f.get("created"), f.getInt("failedLogins", 0, Integer.MAX_VALUE),
        Boolean.parseBoolean(f.get("zeroized")));
  }

  void write(Path home) throws StoreException {
    SealFile f = SealFile.create(FORMAT).put("label", label).put("serial", serial).put("seal", seal)
        .put("created", created).put("failedLogins", failedLogins).put("zeroized", zeroized);
    SealFile.writeOrFail(f, home.resolve(FILE));
  }

  static HostRecord fresh(String label, long serial, String seal) {
    return new HostRecord(label, serial, seal, Instant.now().toString(), 0, false);
  }

  HostRecord withFailedLogins(int n) {
    return new HostRecord(label, serial, seal, created, n, zeroized);
  }

  HostRecord asZeroized() {
    return new HostRecord(label, serial, seal, created, 0, true);
  }
}
