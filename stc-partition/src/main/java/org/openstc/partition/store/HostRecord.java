package org.openstc.partition.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.openstc.crypto.Argon2Cost;

/**
 * {@code host.record}: who this host is (label, serial, the id of its current seal, when it was
 * initialised) and the HSM SO's failed login count. Kept apart from {@code master.key} so that
 * counting a failed login never rewrites the sealed key. A zeroized host keeps its record (with
 * {@code zeroized=true}) so that {@code hsm show} can say so. {@code kdf} is the Argon2id cost the
 * administrator chose at {@code hsm init} for every password hashed on this host from then on
 * ({@link PinHasher}); a record written before the choice existed has none and means
 * {@link Argon2Cost#RECOMMENDED}, the only cost such hosts ever used.
 */
public record HostRecord(String label, long serial, String seal, String created, int failedLogins,
    boolean zeroized, Argon2Cost kdf) {
  static final String FILE = "host.record";
  static final String FORMAT = "openstc-host-1";

  static boolean exists(Path home) {
    return Files.exists(home.resolve(FILE));
  }

  static HostRecord read(Path home) throws StoreException {
    SealFile f = SealFile.read(home.resolve(FILE), FORMAT);
    return new HostRecord(f.get("label"), f.getLong("serial", 1, Long.MAX_VALUE), f.get("seal"),
        f.get("created"), f.getInt("failedLogins", 0, Integer.MAX_VALUE),
        Boolean.parseBoolean(f.get("zeroized")), readKdf(f));
  }

  private static Argon2Cost readKdf(SealFile f) throws StoreException {
    if (!f.has("kdfMemoryKiB")) {
      return Argon2Cost.RECOMMENDED;
    }
    try {
      return new Argon2Cost(f.getInt("kdfMemoryKiB", 1, Argon2Cost.MAX_MEMORY_KIB),
          f.getInt("kdfPasses", 1, Argon2Cost.MAX_PASSES), f.getInt("kdfLanes", 1, Argon2Cost.MAX_LANES));
    } catch (IllegalArgumentException e) {
      throw f.invalid(e.getMessage());
    }
  }

  void write(Path home) throws StoreException {
    SealFile f = SealFile.create(FORMAT).put("label", label).put("serial", serial).put("seal", seal)
        .put("created", created).put("failedLogins", failedLogins).put("zeroized", zeroized)
        .put("kdfMemoryKiB", kdf.memoryKiB()).put("kdfPasses", kdf.passes()).put("kdfLanes", kdf.lanes());
    SealFile.writeOrFail(f, home.resolve(FILE));
  }

  static HostRecord fresh(String label, long serial, String seal, Argon2Cost kdf) {
    return new HostRecord(label, serial, seal, Instant.now().toString(), 0, false, kdf);
  }

  HostRecord withFailedLogins(int n) {
    return new HostRecord(label, serial, seal, created, n, zeroized, kdf);
  }

  HostRecord asZeroized() {
    return new HostRecord(label, serial, seal, created, 0, true, kdf);
  }
}
