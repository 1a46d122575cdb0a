package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.ClientBodies;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Opcode;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.command.StcSettings.Setting;
import org.quicktheories.core.Gen;

/** Malformed input never escapes as an exception and is answered with CKR_ARGUMENTS_BAD. */
class MalformedRequestTest {
  @TempDir
  Path home;
  Fixture f;
  Session po;
  Session co;

  @BeforeEach
  void setUp() throws Exception {
    f = Fixture.create(home, 1_000_000);
    f.initialized();
    po = f.loggedIn(Role.PO);
    co = f.loggedIn(Role.CO);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static Gen<byte[]> bytes(int max) {
    return lists().of(integers().between(0, 255)).ofSizeBetween(0, max).map(l -> {
      byte[] out = new byte[l.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) (int) l.get(i);
      }
      return out;
    });
  }

  @Test
  void randomFramesNeverThrowAndUnparsableOnesAreArgumentsBad() {
    qt().withExamples(2000).forAll(bytes(40)).checkAssert(frame -> {
      CommandResponse r = respond(co, frame);
      if (!parses(frame)) {
        assertEquals(CkResult.CKR_ARGUMENTS_BAD, r.result(), r::toString);
        assertEquals(CommandRequest.peekRequestId(frame), r.requestId());
      }
      assertNotEquals(CkResult.CKR_GENERAL_ERROR, r.result(), r::toString);
    });
  }

  @Test
  void randomBodiesForEveryOpcodeNeverCauseAnInternalError() {
    Opcode[] ops = Arrays.stream(Opcode.values()).filter(o -> o != Opcode.PARTITION_INIT).toArray(Opcode[]::new);
    qt().withExamples(2000).forAll(integers().between(0, ops.length - 1), bytes(80)).checkAssert((i, body) -> {
      CommandResponse r = respond(sessionFor(ops[i]),
          CommandRequest.of(7, ops[i], body).encode());
      assertNotEquals(CkResult.CKR_GENERAL_ERROR, r.result(), r::toString);
    });
  }

  @Test
  void everyTruncationAndExtensionOfAValidRequestIsArgumentsBad() throws Exception {
    for (CommandRequest valid : validRequests()) {
      Session s = sessionFor(valid.opcode());
      byte[] frame = valid.encode();
      for (int n = 0; n < frame.length; n++) {
        assertEquals(CkResult.CKR_ARGUMENTS_BAD, respond(s, Arrays.copyOf(frame, n)).result(), valid + " cut at " + n);
      }
      byte[] longer = Arrays.copyOf(frame, frame.length + 1);
      assertEquals(CkResult.CKR_ARGUMENTS_BAD, respond(s, longer).result(), valid + " + 1 byte");
      byte[] body = valid.body();
      for (int n = 0; n < body.length; n++) {
        CommandRequest cut = new CommandRequest(9, valid.opcodeCode(), Arrays.copyOf(body, n));
        assertEquals(CkResult.CKR_ARGUMENTS_BAD, respond(s, cut.encode()).result(), valid + " body cut at " + n);
      }
    }
  }

  private List<CommandRequest> validRequests() throws Exception {
    byte[] pin = Fixture.pin("some-pin-123");
    return List.of(Requests.random(1, 16), Requests.partitionInit(2, "label", pin),
        Requests.login(3, Role.CU, pin), Requests.changePin(4, pin, pin), Requests.initPin(5, Role.CU, pin),
        Requests.clientRegister(6, new ClientBodies.Register("c", f.client.identity(), "ab")),
        Requests.clientRegisterHtl(6, new ClientBodies.RegisterHtl(new ClientBodies.Register("c",
            f.client.identity(), "ab"), 60, true)),
        Requests.clientDeregister(7, "nobody"), Requests.settingSet(8, Setting.MAX_SESSIONS, 9),
        Requests.generate(9, ObjectType.AES256, "k"), Requests.destroy(10, 99),
        Requests.encrypt(11, 1, new byte[] {1}, new byte[] {2}), Requests.decrypt(12, 1, new byte[3], new byte[0]),
        Requests.sign(13, 1, new byte[2]), Requests.verify(14, 1, new byte[2], new byte[2]),
        Requests.publicKey(15, 1), Requests.clientList(16, 3), Requests.listObjects(17, 2));
  }

  /** A session with the role the opcode needs, so that the body is what gets checked. */
  private Session sessionFor(Opcode op) {
    return op.access() == Opcode.Access.PO || op.access() == Opcode.Access.INIT ? po : co;
  }

  private CommandResponse respond(Session s, byte[] frame) {
    try {
      return CommandResponse.decode(f.service.handle(s, frame));
    } catch (MalformedCommandException e) {
      throw new AssertionError("the service sent a malformed response", e);
    }
  }

  private static boolean parses(byte[] frame) {
    try {
      CommandRequest.decode(frame);
      return true;
    } catch (MalformedCommandException e) {
      return false;
    }
  }
}
