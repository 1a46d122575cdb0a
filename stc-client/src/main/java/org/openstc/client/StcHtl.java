package org.openstc.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.HtlBodies;
import org.openstc.command.HtlToken;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Opcode;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.stc.StaticKeyAgreement;
import org.openstc.token.RegisteredPartition;

/**
 * HTL for an STC registration, the client's half (docs/protocol.md section 42). When the client
 * home holds {@code htl/stc-SERIAL.ott} (a token the administrator copied in, {@code stccm htl
 * install}) or {@code htl/stc-SERIAL.secret}, each new channel to partition SERIAL first runs one
 * HTL exchange (HTL_PROVE, HTL_CONFIRM) and only then carries commands. The secret file is
 * encrypted under a key derived from the client identity's DH with the partition's identity.
 * The exchanges of one home are serialized (a lock in the process and a file lock on {@code
 * htl/stc-SERIAL.lock}), so the processes of one client never race each other; a copied home
 * shares no lock with the original, and the host tells them apart.
 */
public final class StcHtl {
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private StcHtl() {}

  /** {@code stc-SERIAL}: the base name of the partition's HTL files in {@code htl/}. */
  public static String name(long serial) {
    return "stc-" + Long.toUnsignedString(serial);
  }

  /** Where the token for partition {@code serial} goes: {@code htl/stc-SERIAL.ott}. */
  public static Path ottFile(Path home, long serial) {
    return home.resolve("htl").resolve(name(serial) + ".ott");
  }

  /** Whether the home holds a rolling secret for partition {@code serial}. */
  public static boolean hasSecret(Path home, long serial) {
    return Files.exists(home.resolve("htl").resolve(name(serial) + ".secret"));
  }

  /** Runs the exchange on a fresh channel {@code c} if the home has HTL files for it. */
  static void prove(Path home, StaticKeyAgreement identity, RegisteredPartition p,
      PartitionConnection c) throws StcClientException {
    Path ott = ottFile(home, p.serial());
    if (!Files.exists(ott) && !hasSecret(home, p.serial())) {
      return;
    }
    Path dir = ott.getParent();
    ReentrantLock inProcess = LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize()
        .resolve(name(p.serial())), k -> new ReentrantLock());
    inProcess.lock();
    try {
      OwnerOnlyFiles.createDirectories(dir);
      try (FileChannel lockFile = FileChannel.open(dir.resolve(name(p.serial()) + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock held = lockFile.lock()) {
        exchange(dir, identity, p, c, ott);
      }
    } catch (IOException e) {
      throw new StcClientException(StcClientException.Kind.CONFIG, "HTL for partition "
          + p.serial() + ": " + e.getMessage(), "check " + dir, e);
    } finally {
      inProcess.unlock();
    }
  }

  private static void exchange(Path dir, StaticKeyAgreement identity, RegisteredPartition p,
      PartitionConnection c, Path ottPath) throws IOException, StcClientException {
    String name = name(p.serial());
    HtlSecretFile secret = new HtlSecretFile(dir, name, () -> fileKey(identity, p));
    Optional<HtlToken> ott = Optional.empty();
    try {
      if (Files.exists(ottPath)) {
        ott = Optional.of(HtlToken.decode(SmallFiles.read(ottPath)));
      } else if (!Files.exists(dir.resolve(name + ".secret"))) {
        return; // another process of this home just consumed and forgot it
      }
      HtlExchange.run(body -> roundTrip(c, body), secret, ott);
      if (ott.isPresent()) {
        Files.deleteIfExists(ottPath);
      }
    } catch (MalformedCommandException e) {
      throw refused(p, dir, name, true, ottPath + ": " + e.getMessage() + " (not sent)");
    } catch (HtlExchange.Refused e) {
      throw refused(p, dir, name, ott.isPresent(), e.getMessage());
    } finally {
      ott.ifPresent(t -> SecretBytes.wipe(t.token()));
    }
  }

  private static byte[] roundTrip(PartitionConnection c, byte[] body) throws StcClientException,
      HtlExchange.Refused, MalformedCommandException {
    Opcode op = HtlBodies.type(body) == HtlBodies.PROVE ? Opcode.HTL_PROVE : Opcode.HTL_CONFIRM;
    CommandResponse r = c.call(CommandRequest.of(c.nextId(), op, body));
    if (r.result() == CkResult.CKR_OK) {
      return r.body();
    }
    if (r.result() == CkResult.CKR_ACTION_PROHIBITED) {
      throw new HtlExchange.Refused(r.message());
    }
    throw new StcClientException(StcClientException.Kind.COMMAND, "partition " + c.serial()
        + " does not take this client's HTL proof: " + r.message(), "the host registration and "
        + "this client disagree on HTL: register the client -requirehtl, or remove htl/"
        + name(c.serial()) + ".*");
  }

  /** Sets the refused token (or the dead secret) aside and says what the administrator does. */
  private static StcClientException refused(RegisteredPartition p, Path dir, String name,
      boolean token, String why) {
    try {
      if (token) {
        Files.move(dir.resolve(name + ".ott"), dir.resolve(name + ".ott.refused"),
            StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.deleteIfExists(dir.resolve(name + ".secret"));
      }
    } catch (IOException e) {
      why += " (and " + e.getMessage() + ")";
    }
    return new StcClientException(StcClientException.Kind.COMMAND, "partition " + p.serial()
        + " refused this client's HTL proof: " + why, "the host administrator issues a new "
        + "one-time token (stcsh htl generateott -partition P -label L); install it with stccm "
        + "htl install");
  }

  /** HMAC-SHA256(DH(client identity, partition identity), purpose): only this identity has it. */
  private static byte[] fileKey(StaticKeyAgreement identity, RegisteredPartition p)
      throws IOException {
    byte[] shared = null;
    try {
      shared = identity.agree(p.identity().publicKey());
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(shared, "HmacSHA256"));
      return mac.doFinal(HtlSecretFile.PURPOSE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot derive the HTL file key: " + e.getMessage());
    } finally {
      SecretBytes.wipe(shared);
    }
  }
}
