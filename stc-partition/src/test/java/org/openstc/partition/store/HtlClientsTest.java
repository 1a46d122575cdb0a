package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.HtlBodies;
import org.openstc.command.HtlToken;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;

/** The HTL exchange rules of docs/protocol.md section 40, on the store, with a simulated client. */
class HtlClientsTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path dir;
  private HostStore store;
  private HtlClients htl;
  private long now = 1_000_000;

  /** A client instance: what it holds in its home. */
  private static final class Instance {
    byte[] key;
    int kind = HtlBodies.KIND_OTT;
    long counter;
    byte[] nonceC;
    HtlBodies.Accept accept;

    Instance(byte[] token) {
      key = token.clone();
    }

    Instance copy() {
      Instance c = new Instance(key);
      c.kind = kind;
      c.counter = counter;
      return c;
    }
  }

  @BeforeEach
  void open() throws Exception {
    store = TestHost.open(dir.resolve("host"), new PinHasher(64, 1), false);
    htl = store.htl();
    TlsCertificates.Issued cert = TlsCertificates.selfSigned("vm1", KeyAlgorithm.ECDSA_P256);
    store.ntls().register("VM_Client", "", "127.0.0.1", cert.certificate().getEncoded());
    htl.require("VM_Client", 0);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Instance provision() throws Exception {
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    HtlToken t = htl.generateOtt("VM_Client", token, now);
    assertEquals(now + 300_000, t.expiresMillis());
    return new Instance(t.token());
  }

  private HtlClients.Outcome prove(Instance i) throws Exception {
    i.nonceC = new byte[32];
    RANDOM.nextBytes(i.nonceC);
    byte[] nonceH = new byte[32];
    RANDOM.nextBytes(nonceH);
    HtlClients.Outcome o = htl.prove("VM_Client", new HtlBodies.Prove(i.kind, i.counter, i.nonceC,
        HtlBodies.proveTag(i.key, "VM_Client", i.kind, i.counter, i.nonceC)), nonceH, now);
    if (o.accepted()) {
      i.accept = HtlBodies.decodeAccept(o.reply());
      assertTrue(HtlBodies.same(i.accept.tag(), HtlBodies.acceptTag(i.key, i.nonceC,
          i.accept.nonce(), i.accept.next())));
      i.key = HtlBodies.nextSecret(i.key, i.nonceC, i.accept.nonce(), i.accept.next());
      i.kind = HtlBodies.KIND_SECRET;
      i.counter = i.accept.next();
    }
    return o;
  }

  private HtlClients.Outcome confirm(Instance i) throws Exception {
    return htl.confirm("VM_Client", new HtlBodies.Confirm(i.counter,
        HtlBodies.confirmTag(i.key, i.accept.nonce())), i.accept.nonce(), now);
  }

  private HtlState state() throws Exception {
    return htl.state("VM_Client").orElseThrow();
  }

  @Test
  void tokenThenRollingSecretKeepsTheLinkUpAndAdvancesEachExchange() throws Exception {
    Instance vm = provision();
    assertEquals("Ready for d/l", state().ottStatus(now));
    assertTrue(prove(vm).accepted());
    assertTrue(confirm(vm).accepted());
    assertEquals("In Use", state().ottStatus(now));
    assertEquals("Up", state().linkStatus(now, 60));
    for (int n = 2; n <= 4; n++) {
      assertTrue(prove(vm).accepted());
      assertTrue(confirm(vm).accepted());
      assertEquals(n, state().counter());
    }
    assertFalse(state().cloneSuspected());
  }

  @Test
  void tokenUsedTwiceIsRefusedAndFlagsTheClient() throws Exception {
    Instance vm = provision();
    Instance copy = vm.copy();
    prove(vm);
    confirm(vm);
    HtlClients.Outcome o = prove(copy);
    assertFalse(o.accepted());
    assertTrue(o.refusal().contains("already used"), o.refusal());
    assertTrue(state().cloneSuspected());
    assertTrue(prove(vm).accepted(), "the synchronized instance keeps working");
  }

  @Test
  void expiredEditedAndForeignTokensAreRefusedWithoutAdvancing() throws Exception {
    Instance vm = provision();
    Instance edited = vm.copy();
    edited.key[0] ^= 1;
    assertTrue(prove(edited).refusal().contains("does not match"));
    now += 300_001;
    HtlClients.Outcome late = prove(vm.copy());
    assertTrue(late.refusal().contains("expired"), late.refusal());
    assertFalse(state().cloneSuspected());
    assertEquals(0, state().counter());
    assertEquals("Expired", state().ottStatus(now));
  }

  @Test
  void cloneAtRestIsStaleOnceTheOriginalAdvanced() throws Exception {
    Instance vm = provision();
    prove(vm);
    confirm(vm);
    Instance clone = vm.copy();
    prove(vm);
    confirm(vm);
    HtlClients.Outcome o = prove(clone);
    assertFalse(o.accepted());
    assertTrue(o.cloneSuspected());
    assertTrue(o.refusal().contains("stale secret"), o.refusal());
    assertTrue(state().cloneSuspected());
    assertTrue(prove(vm).accepted());
    assertTrue(confirm(vm).accepted());
  }

  @Test
  void raceFirstConfirmationWinsTheOtherIsStale() throws Exception {
    Instance vm = provision();
    prove(vm);
    confirm(vm);
    Instance clone = vm.copy();
    assertTrue(prove(vm).accepted());
    assertTrue(prove(clone).accepted(), "both hold S_n: the later PROVE replaces the pending pair");
    assertTrue(confirm(clone).accepted(), "the clone confirms first and wins");
    assertFalse(confirm(vm).accepted());
    assertFalse(prove(vm).accepted());
    assertTrue(state().cloneSuspected());
    assertTrue(prove(clone).accepted());
  }

  @Test
  void lostAcceptOrLostConfirmedDoesNotDesynchronize() throws Exception {
    Instance vm = provision();
    prove(vm);
    confirm(vm);
    Instance beforeAccept = vm.copy();
    prove(vm); // ACCEPT lost: the client never stored S_{n+1}
    Instance retry = beforeAccept;
    assertTrue(prove(retry).accepted(), "S_n is still accepted while the pending pair waits");
    assertTrue(confirm(retry).accepted());
    prove(retry); // stored S_{n+1}, CONFIRM lost
    assertTrue(prove(retry).accepted(), "rule 1: proving with the pending secret promotes it");
    assertTrue(confirm(retry).accepted());
    assertFalse(state().cloneSuspected());
  }

  @Test
  void graceAllowsTheLastSecretOnlyForTheGracePeriod() throws Exception {
    Instance vm = provision();
    prove(vm);
    confirm(vm);
    htl.linkDown("VM_Client", now);
    now += 30_000;
    assertEquals("Grace Period", state().linkStatus(now, 60));
    assertTrue(prove(vm).accepted());
    assertTrue(confirm(vm).accepted());
    htl.linkDown("VM_Client", now);
    now += 61_000;
    assertEquals("Down", state().linkStatus(now, 60));
    HtlClients.Outcome o = prove(vm);
    assertTrue(o.refusal().contains("grace period"), o.refusal());
    assertFalse(state().cloneSuspected());
  }

  @Test
  void aNewTokenReprovisionsAndClearsTheFlag() throws Exception {
    Instance vm = provision();
    prove(vm);
    confirm(vm);
    Instance stale = new Instance(new byte[32]);
    stale.kind = HtlBodies.KIND_SECRET;
    stale.counter = 1;
    assertFalse(prove(stale).accepted());
    assertTrue(state().cloneSuspected());
    Instance fresh = provision();
    assertFalse(state().cloneSuspected());
    assertTrue(prove(fresh).accepted());
    assertTrue(confirm(fresh).accepted());
    assertFalse(prove(vm).accepted(), "the old secret died with the new token");
  }

  @Test
  void settingsHaveTheSeedDefaultsAndRanges() throws Exception {
    assertEquals(new HtlSettings(60, 300), htl.settings());
    htl.updateSettings(s -> new HtlSettings(0, 10));
    assertEquals(new HtlSettings(0, 10), htl.settings());
    StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
        () -> htl.updateSettings(s -> new HtlSettings(3601, 10)));
    assertTrue(e.getMessage().contains("0..3600"));
    org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
        () -> htl.require("VM_Client", 5));
  }
}
