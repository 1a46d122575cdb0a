package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.CryptoBodies.Gcm;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Opcode;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.TestHost;

/**
 * {@link CommandService#handleCached} (the I/O thread's path) answers only what needs no store
 * read and little work, and then exactly as {@link CommandService#handle} does: same result, same
 * message, same body where the operation is deterministic. After any commit, here or by another
 * process, it answers nothing until the worker path has read the store again.
 */
class CachedCommandsTest {
  static final byte[] DATA = {5, 6, 7};
  static final byte[] NO_AAD = new byte[0];
  static final byte[] IV = new byte[12];
  @TempDir Path home;
  Fixture f;
  Session co;

  @BeforeEach
  void open() throws Exception {
    f = Fixture.create(home, 1_000_000);
    f.initialized();
    co = f.loggedIn(Role.CO);
  }

  @AfterEach
  void close() {
    f.close();
  }

  long generate(ObjectType type) throws Exception {
    return ObjectBodies.decodeU32(f.ok(co, Requests.generate(f.id(), type, "k")));
  }

  CommandResponse cached(Session s, byte[] frame) {
    byte[] out = f.service.handleCached(s, frame);
    return out == null ? null : decode(out);
  }

  static CommandResponse decode(byte[] response) {
    try {
      return CommandResponse.decode(response);
    } catch (MalformedCommandException e) {
      throw new AssertionError("the service answered a malformed response", e);
    }
  }

  CommandResponse cached(Session s, CommandRequest request) {
    return cached(s, request.encode());
  }

  /** A loaded AES key: one use on the worker path reads it into the cache. */
  long loadedAes() throws Exception {
    long aes = generate(ObjectType.AES256);
    CommandRequest first = Requests.encrypt(f.id(), aes, DATA, NO_AAD);
    assertNull(cached(co, first), "the key is not loaded yet");
    f.ok(co, first);
    return aes;
  }

  @Test
  void cachedAesOperationsAreAnsweredAsTheWorkerPathAnswersThem() throws Exception {
    long aes = loadedAes();
    CommandResponse ct = cached(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    assertEquals(CkResult.CKR_OK, ct.result(), ct::toString);
    CommandRequest decrypt = Requests.decrypt(f.id(), aes, ct.body(), NO_AAD);
    assertArrayEquals(DATA, cached(co, decrypt).body());
    assertArrayEquals(DATA, f.ok(co, decrypt));
    CommandRequest gcm = Requests.encryptGcm(f.id(), new Gcm(aes, IV, DATA, NO_AAD, 16));
    assertArrayEquals(f.ok(co, gcm), cached(co, gcm).body(), "same key, same IV: same bytes");
    assertEquals(16, cached(co, Requests.random(f.id(), 16)).body().length);
    assertNull(cached(co, Requests.random(f.id(), ObjectCommands.INLINE_RANDOM + 1)));
  }

  @Test
  void refusalsAreTheSameOnBothPaths() throws Exception {
    long aes = loadedAes();
    byte[] ct = f.ok(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    ct[ct.length - 1] ^= 1;
    Session nobody = f.session();
    List<Case> cases = List.of(
        new Case(co, Requests.decrypt(f.id(), aes, ct, NO_AAD), CkResult.CKR_ENCRYPTED_DATA_INVALID),
        new Case(co, Requests.sign(f.id(), aes, DATA), CkResult.CKR_KEY_FUNCTION_NOT_PERMITTED),
        new Case(co, Requests.signDigest(f.id(), aes, new byte[32]), CkResult.CKR_KEY_FUNCTION_NOT_PERMITTED),
        new Case(co, Requests.encrypt(f.id(), aes, new byte[ObjectBodies.MAX_DATA + 1], NO_AAD),
            CkResult.CKR_ARGUMENTS_BAD),
        new Case(nobody, Requests.encrypt(f.id(), aes, DATA, NO_AAD), CkResult.CKR_USER_NOT_LOGGED_IN),
        new Case(co, Requests.random(f.id(), 0), CkResult.CKR_ARGUMENTS_BAD));
    for (Case c : cases) {
      CommandResponse inline = cached(c.session, c.request);
      assertNotNull(inline, c.request::toString);
      CommandResponse worker = f.expect(c.expected, c.session, c.request);
      assertSame(worker, inline);
    }
  }

  static void assertSame(CommandResponse worker, CommandResponse inline) {
    assertEquals(worker.requestId(), inline.requestId());
    assertEquals(worker.result(), inline.result(), inline::toString);
    assertEquals(worker.message(), inline.message());
    assertArrayEquals(worker.body(), inline.body(), inline::toString);
  }

  record Case(Session session, CommandRequest request, CkResult expected) {}

  @Test
  void storeCommandsAndUnknownKeysGoToTheWorker() throws Exception {
    long ed = generate(ObjectType.ED25519);
    for (CommandRequest r : List.of(Requests.sign(f.id(), ed, DATA), // not loaded yet
        Requests.generate(f.id(), ObjectType.AES256, "x"), Requests.listObjects(f.id()),
        Requests.login(f.id(), Role.CU, Fixture.CU_PIN), Requests.logout(f.id()),
        Requests.partitionInfo(f.id()), Requests.encrypt(f.id(), 999, DATA, NO_AAD))) {
      assertNull(cached(co, r), r::toString);
    }
    assertEquals(1, f.service.role(co).stream().count(), "nothing ran: still logged in");
  }

  /**
   * Signatures with a loaded key are answered on the I/O thread too (the server bounds that time
   * per read batch): the same results as the worker's, signatures that verify.
   */
  @Test
  void signaturesWithALoadedKeyAreAnsweredTheSameOnBothPaths() throws Exception {
    long ec = generate(ObjectType.EC_P256);
    long ed = generate(ObjectType.ED25519);
    byte[] digest = new byte[32];
    f.ok(co, Requests.signDigest(f.id(), ec, digest));
    byte[] edSig = f.ok(co, Requests.sign(f.id(), ed, DATA));
    assertArrayEquals(edSig, cached(co, Requests.sign(f.id(), ed, DATA)).body(),
        "Ed25519 is deterministic");
    CommandResponse ecSig = cached(co, Requests.signDigest(f.id(), ec, digest));
    assertEquals(CkResult.CKR_OK, ecSig.result(), ecSig::toString);
    assertEquals(64, ecSig.body().length, "raw r || s");
    assertEquals(CkResult.CKR_OK, cached(co, Requests.verify(f.id(), ed, DATA, edSig)).result());
    byte[] bad = edSig.clone();
    bad[0] ^= 1;
    CommandRequest forged = Requests.verify(f.id(), ed, DATA, bad);
    assertSame(f.expect(CkResult.CKR_SIGNATURE_INVALID, co, forged), cached(co, forged));
    CommandRequest wrongKey = Requests.signDigest(f.id(), ed, digest);
    assertSame(f.expect(CkResult.CKR_KEY_TYPE_INCONSISTENT, co, wrongKey), cached(co, wrongKey));
  }

  @Test
  void anyCommitSendsTheNextOperationToTheWorker() throws Exception {
    long aes = loadedAes();
    CommandRequest enc = Requests.encrypt(f.id(), aes, DATA, NO_AAD);
    assertNotNull(cached(co, enc));
    f.ok(f.loggedIn(Role.CO), Requests.destroy(f.id(), aes)); // another channel
    assertNull(cached(co, enc));
    f.expect(CkResult.CKR_KEY_HANDLE_INVALID, co, enc);

    long again = loadedAes();
    CommandRequest use = Requests.encrypt(f.id(), again, DATA, NO_AAD);
    assertNotNull(cached(co, use));
    try (HostStore other = TestHost.open(home, new PinHasher(64, 1), false)) { // another process
      other.policies().deactivate(f.serial);
      assertNull(cached(co, use));
      f.expect(CkResult.CKR_TOKEN_NOT_PRESENT, co, use);
      other.policies().activate(f.serial);
      assertNull(cached(co, use), "the partition is read again on the worker first");
      f.ok(co, use);
      assertNotNull(cached(co, use));
      other.objects().destroy(f.serial, again);
      assertNull(cached(co, use));
      f.expect(CkResult.CKR_KEY_HANDLE_INVALID, co, use);
    }
  }

  /**
   * Any body bytes of the cheap operations (changed one byte at a time): when the I/O thread's
   * path answers, the worker path answers the same result and message, and the same body where the
   * operation is deterministic (all but ENCRYPT and RANDOM).
   */
  @Test
  void mutatedRequestsGetTheSameAnswerOnBothPaths() throws Exception {
    long aes = loadedAes();
    byte[] ct = f.ok(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    byte[] gcmCt = f.ok(co, Requests.encryptGcm(f.id(), new Gcm(aes, IV, DATA, NO_AAD, 16)));
    List<byte[]> frames = List.of(Requests.encrypt(7, aes, DATA, NO_AAD).encode(),
        Requests.decrypt(7, aes, ct, NO_AAD).encode(),
        Requests.encryptGcm(7, new Gcm(aes, IV, DATA, NO_AAD, 16)).encode(),
        Requests.decryptGcm(7, new Gcm(aes, IV, gcmCt, NO_AAD, 16)).encode(),
        Requests.sign(7, aes, DATA).encode(), Requests.random(7, 32).encode());
    qt().withExamples(400).forAll(integers().between(0, frames.size() - 1),
        integers().between(6, 80), integers().between(0, 255)).checkAssert((which, pos, value) -> {
          byte[] frame = frames.get(which).clone();
          if (pos < frame.length) {
            frame[pos] = (byte) (int) value;
          }
          CommandResponse inline = cached(co, frame);
          if (inline == null) {
            return;
          }
          CommandResponse worker = decode(f.service.handle(co, frame));
          int op = CommandRequest.peekOpcode(frame);
          if (op != Opcode.ENCRYPT.code() && op != Opcode.RANDOM.code()) {
            assertSame(worker, inline);
          } else {
            assertEquals(worker.result(), inline.result(), () -> Arrays.toString(frame));
          }
        });
  }
}
