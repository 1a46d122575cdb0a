package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes at the codec, the dispatcher and the framing, a bounded number of times: every
 * body gets a well-formed answer (never an exception out of the server), every stream ends
 * with its channels closed.
 */
class RpcFuzzTest {
  private static byte[] random(long seed, int length) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** The answer parses as {@code u32 call || bytes signature || ...}; returns the call id. */
  private static long wellFormed(byte[] answer) throws RpcFormatException {
    RpcReader r = new RpcReader(answer);
    long id = r.u32();
    byte[] sig = r.byteArray();
    assertTrue(sig != null, "answer without a signature");
    if (id == RpcCall.ERROR) {
      r.ulong();
      r.end();
    }
    return id;
  }

  @Test
  void randomBodiesGetAnAnswer() {
    MemoryBackend.Store store = new MemoryBackend.Store();
    RpcClient client = new RpcClient(MemoryBackend.backends(store, 0));
    qt().withExamples(3000).forAll(longs().all(), integers().between(0, 300))
        .checkAssert((seed, length) -> {
          try {
            wellFormed(client.connection().answer(random(seed, length)));
          } catch (RpcFormatException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void randomArgumentsOfEveryCallGetAnAnswer() throws Exception {
    MemoryBackend.Store store = new MemoryBackend.Store();
    RpcClient client = new RpcClient(MemoryBackend.backends(store, 0, 1));
    long session = client.loggedInSession(0, store.pin);
    client.call(RpcClient.request(RpcCall.C_GENERATE_KEY).ulong(session)
        .u32(Ck.CKM_AES_KEY_GEN).u32(RpcReader.NULL_LENGTH).u32(0));
    qt().withExamples(4000).forAll(integers().between(1, 87), longs().all(),
        integers().between(0, 120)).checkAssert((call, seed, length) -> {
          RpcWriter body = RpcClient.request(call);
          if (new Random(seed).nextBoolean()) {
            body.ulong(new Random(seed).nextInt(4)); // a plausible session or slot first
          }
          body.byteArray(random(seed, length)); // then a length-prefixed blob
          try {
            wellFormed(client.connection().answer(body.toByteArray()));
          } catch (RpcFormatException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void randomStreamsEndWithNoChannelOpen() {
    MemoryBackend.Store store = new MemoryBackend.Store();
    qt().withExamples(500).forAll(longs().all(), integers().between(0, 2000))
        .checkAssert((seed, length) -> {
          byte[] stream = random(seed, length);
          if (stream.length > 12) {
            stream[5] = 0; // keep some frame lengths small enough to be read
            stream[9] = 0;
            stream[10] = 0;
          }
          RpcConnection c = new RpcConnection(new ByteArrayInputStream(stream),
              new ByteArrayOutputStream(), MemoryBackend.backends(store, 0));
          try {
            c.serve();
          } catch (IOException expected) {
            // a broken frame ends the connection
          }
          assertEquals(0, c.openChannels());
        });
    assertEquals(store.opened, store.closed);
  }
}
