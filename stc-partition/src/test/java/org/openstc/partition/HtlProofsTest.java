package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.ClientBodies;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.HtlBodies;
import org.openstc.command.HtlToken;
import org.openstc.command.Opcode;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.partition.store.HtlState;

/**
 * The HTL gate of an STC channel (docs/protocol.md section 42): before one confirmed exchange a
 * {@code -requirehtl} registration gets only ECHO and the two HTL commands; a registration without
 * HTL refuses a proof as a mismatch; STC secrets have no grace period; the Partition SO registers
 * a client -requirehtl over the channel (CLIENT_REGISTER_HTL) and gets its token file.
 */
class HtlProofsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path dir;
  private Fixture f;
  private String name;
  private long now = System.currentTimeMillis();

  @BeforeEach
  void open() throws Exception {
    f = Fixture.create(dir.resolve("host"), 1 << 20);
    f.initialized();
    name = HtlState.stcName(f.serial, f.client.label());
  }

  @AfterEach
  void close() {
    f.close();
  }

  private CommandResponse send(Session s, Opcode op, byte[] body) throws Exception {
    return f.call(s, CommandRequest.of(f.id(), op, body));
  }

  /** One exchange with {@code key} (kind, counter); returns the next secret. */
  private byte[] exchange(Session s, byte[] key, int kind, long counter) throws Exception {
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    CommandResponse r = send(s, Opcode.HTL_PROVE, HtlBodies.prove(new HtlBodies.Prove(kind,
        counter, nonce, HtlBodies.proveTag(key, name, kind, counter, nonce))));
    assertEquals(CkResult.CKR_OK, r.result(), r::toString);
    HtlBodies.Accept a = HtlBodies.decodeAccept(r.body());
    byte[] next = HtlBodies.nextSecret(key, nonce, a.nonce(), a.next());
    r = send(s, Opcode.HTL_CONFIRM, HtlBodies.confirm(new HtlBodies.Confirm(a.next(),
        HtlBodies.confirmTag(next, a.nonce()))));
    assertEquals(CkResult.CKR_OK, r.result(), r::toString);
    return next;
  }

  @Test
  void commandsWaitForTheProofAndStcSecretsHaveNoGracePeriod() throws Exception {
    f.store.htl().requireStc(f.serial, f.client.label(), 0);
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    HtlToken t = f.store.htl().generateOtt(name, token, now);
    Session s = f.session();
    f.ok(s, Requests.echo(f.id(), new byte[] {1}));
    CommandResponse refused = f.expect(CkResult.CKR_ACTION_PROHIBITED, s,
        Requests.partitionInfo(f.id()));
    assertTrue(refused.message().contains("-requirehtl"), refused.message());
    f.expect(CkResult.CKR_ACTION_PROHIBITED, s, Requests.login(f.id(),
        org.openstc.command.Role.CO, Fixture.CO_PIN));
    f.expect(CkResult.CKR_ACTION_PROHIBITED, s, CommandRequest.of(f.id(), Opcode.HTL_CONFIRM,
        HtlBodies.confirm(new HtlBodies.Confirm(1, new byte[32]))));
    f.expect(CkResult.CKR_ARGUMENTS_BAD, s, CommandRequest.of(f.id(), Opcode.HTL_PROVE,
        new byte[] {1, 0}));
    byte[] secret = exchange(s, t.token(), HtlBodies.KIND_OTT, 0);
    f.ok(s, Requests.partitionInfo(f.id()));
    f.store.htl().linkDown(name, 1); // as long ago as can be: no grace period applies to STC
    Session next = f.session();
    exchange(next, secret, HtlBodies.KIND_SECRET, 1);
    f.ok(next, Requests.partitionInfo(f.id()));
    assertEquals(2, f.store.htl().state(name).orElseThrow().counter());
  }

  @Test
  void thePartitionSoRegistersAClientRequiringHtlAndGetsItsToken() throws Exception {
    PeerIdentity vm = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca()).identity();
    ClientBodies.Register reg = new ClientBodies.Register("vm", vm, "");
    Session po = f.loggedIn(Role.PO);
    CommandResponse r = f.expect(CkResult.CKR_ARGUMENTS_BAD, po, Requests.clientRegisterHtl(f.id(),
        new ClientBodies.RegisterHtl(reg, 5, true)));
    assertTrue(r.message().contains("10..86400"), r.message());
    assertEquals(1, f.store.registrations().list(f.serial).size(), "nothing registered");
    f.expect(CkResult.CKR_USER_NOT_LOGGED_IN, f.loggedIn(Role.CO), Requests.clientRegisterHtl(
        f.id(), new ClientBodies.RegisterHtl(reg, 0, true)));

    HtlToken t = HtlToken.decode(f.ok(po, Requests.clientRegisterHtl(f.id(),
        new ClientBodies.RegisterHtl(reg, 120, true))));
    String vmName = HtlState.stcName(f.serial, "vm");
    assertEquals(vmName, t.client());
    HtlState s = f.store.htl().state(vmName).orElseThrow();
    assertTrue(s.ott() && !s.ottConsumed() && s.ottExpirySeconds() == 120, s.toString());
    f.expect(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, po, Requests.clientRegisterHtl(f.id(),
        new ClientBodies.RegisterHtl(reg, 0, true))); // already registered: nothing changes
    assertEquals(s, f.store.htl().state(vmName).orElseThrow(), "the first token still holds");

    ClientBodies.Register other = new ClientBodies.Register("vm2", InMemoryStaticKey.generate(
        KeyType.X25519, CryptoProviders.jca()).identity(), "");
    assertEquals(0, f.ok(po, Requests.clientRegisterHtl(f.id(),
        new ClientBodies.RegisterHtl(other, 0, false))).length, "no token asked, none sent");
    assertEquals("No file", f.store.htl().state(HtlState.stcName(f.serial, "vm2")).orElseThrow()
        .ottStatus(now));
  }

  @Test
  void aProofWhereNoneIsRequiredIsAMismatch() throws Exception {
    Session s = f.session();
    CommandResponse r = send(s, Opcode.HTL_PROVE, HtlBodies.prove(new HtlBodies.Prove(
        HtlBodies.KIND_OTT, 0, new byte[32], new byte[32])));
    assertEquals(CkResult.CKR_FUNCTION_NOT_SUPPORTED, r.result());
    assertTrue(r.message().contains("not required"), r.message());
    f.ok(s, Requests.partitionInfo(f.id()));
  }
}
