package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.Await;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.stc.KeyType;

/** What the user sees when the link fails: exit codes 22-28 and a message that says what to do. */
class LinkFailuresTest {
  private static final String LOGIN_CO = "role login -name co -password " + LinkFixture.CO_PIN;

  @TempDir Path dir;
  LinkFixture host;

  @BeforeEach
  void start() throws Exception {
    host = new LinkFixture(dir);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  @Test
  void serverDownOneShot() throws Exception {
    Cm cm = host.initializedClient("client1");
    host.host.close();
    assertEquals(22, cm.run("stc", "status"), cm.both());
    assertTrue(cm.out.contains("Command Result : 22 (Server unreachable)"), cm.both());
    assertTrue(cm.err.contains("cannot reach 127.0.0.1:") && cm.err.contains("stcsh service status"),
        cm.both());
    assertEquals(22, cm.run("stc", "enable", "-id", "0"), cm.both());
  }

  @Test
  void shellReestablishesTheChannelAndSaysTheLoginWasLost() throws Exception {
    Cm cm = host.initializedClient("client1");
    int port = host.host.port();
    ScriptedInput script = new ScriptedInput().line(LOGIN_CO).line("partition contents")
        .then(() -> restart(port)).line("partition contents").line(LOGIN_CO)
        .line("partition contents")
        .then(() -> host.host.close()).line("partition contents").line("clientconfig listservers")
        .then(() -> restart(port)).line("stc status");
    assertEquals(0, cm.shell(script), cm.both());
    assertTrue(cm.err.contains("The channel to slot 0 was lost") && cm.err.contains("re-established")
        && cm.err.contains("The Crypto Officer login was lost"), cm.both());
    assertTrue(cm.err.contains("CKR_USER_NOT_LOGGED_IN"), cm.both());
    assertTrue(cm.out.contains("Command Result : 22 (Server unreachable)"), cm.both());
    assertTrue(cm.out.matches("(?s).*listservers\\R.*Command Result : 0.*stc status\\R.*Link State : +up.*"),
        cm.both());
  }

  private void restart(int port) throws Exception {
    host.host.close();
    Await.until("port " + port + " to accept a new host", Duration.ofSeconds(20), () -> {
      host.host = PartitionHost.start(host.store, ServerConfig.defaults("127.0.0.1", port),
          CryptoProviders.jca());
      return true;
    });
  }

  @Test
  void deregisteredMidSessionFailsTheNextCommandAndTheShellGoesOn() throws Exception {
    Cm cm = host.initializedClient("client1");
    ScriptedInput script = new ScriptedInput().line(LOGIN_CO).line("partition contents")
        .then(() -> {
          host.store.registrations().deregister(host.serial(), "client1");
          Await.until("the host to close the deregistered client's channel",
              Duration.ofSeconds(20), () -> host.host.server().sessions(host.serial()) == 0);
        })
        .line("partition contents").line("stc status").line("clientconfig listservers");
    assertEquals(0, cm.shell(script), cm.both());
    assertTrue(cm.out.contains("Command Result : 24 (Identity not registered: CKR_STC_CLIENT_HANDLE_INVALID)"), cm.both());
    assertTrue(cm.err.contains("does not accept this client's identity (not registered, or deregistered)")
        && cm.err.contains("stcconfig clientregister"), cm.both());
    assertEquals(24, cm.run("partition", "show"), cm.both());
  }

  @Test
  void anotherPartitionsIdentityFailsPartitionAuthentication() throws Exception {
    PartitionRecord other = host.store.partitions().create("par2", 1 << 20, KeyType.X25519);
    IdentityFile forged = IdentityFile.partition(host.serial(), "par1",
        Partitions.identityFile(other).identity());
    Cm cm = host.newClient("client1");
    host.bootstrap(cm, "client1");
    assertEquals(0, cm.run("stc", "partitionregister", "-file",
        forged.writeTo(dir.resolve("forged")).toString()), cm.both());
    assertEquals(0, cm.run("clientconfig", "addserver", "-n", "127.0.0.1:" + host.host.port()), cm.both());
    assertEquals(0, cm.run("stc", "enable", "-id", "0"), cm.both());
    assertTrue(cm.out.contains("link down") && cm.out.contains("did not prove"), cm.both());
    assertEquals(25, cm.run("stc", "status"), cm.both());
    assertTrue(cm.out.contains("Command Result : 25 (Partition authentication failed: CKR_STC_RESPONSE_BAD_MAC)"), cm.both());
    assertTrue(cm.err.contains("re-register the correct .pid"), cm.both());
  }

  @Test
  void tamperedRecordOnAnActiveChannelIsNotBlamedOnThePartitionIdentity() throws Exception {
    Cm cm = host.newClient("client1");
    host.bootstrap(cm, "client1");
    try (TamperingRelay relay = new TamperingRelay(host.host.port())) {
      assertEquals(0, cm.run("stc", "partitionregister", "-file", host.pid().toString()), cm.both());
      assertEquals(0, cm.run("clientconfig", "addserver", "-n", "127.0.0.1:" + relay.port()),
          cm.both());
      assertEquals(0, cm.run("stc", "enable", "-id", "0"), cm.both());
      assertEquals(0, cm.run("partition", "show"), cm.both());

      relay.tamperNextRecordToClient();
      assertEquals(29, cm.run("partition", "show"), cm.both());
      assertTrue(cm.out.contains("Command Result : 29 (Record failed authentication: CKR_STC_RESPONSE_BAD_MAC)"), cm.both());
      assertTrue(cm.err.contains("failed authentication") && cm.err.contains("CKR_STC_RESPONSE_BAD_MAC")
          && cm.err.contains("network path"), cm.both());
      assertFalse(cm.err.contains("re-register"), cm.both());

      relay.tamperNextRecordToHost();
      assertEquals(29, cm.run("partition", "show"), cm.both());
      assertFalse(cm.err.contains("re-register"), cm.both());
      assertEquals(0, cm.run("partition", "show"), cm.both());
    }
  }

  @Test
  void partitionNotOnTheServerGetsNoSlot() throws Exception {
    PartitionRecord elsewhere = host.store.partitions().create("par3", 1 << 20, KeyType.X25519);
    IdentityFile ghost = IdentityFile.partition(424242, "ghost", Partitions.identityFile(elsewhere).identity());
    Cm cm = host.newClient("client1");
    assertEquals(0, cm.run("stc", "partitionregister", "-file",
        ghost.writeTo(dir.resolve("ghost")).toString()), cm.both());
    assertEquals(0, cm.run("clientconfig", "addserver", "-n", "127.0.0.1:" + host.host.port()), cm.both());
    assertEquals(0, cm.run("stc", "enable", "-id", "0"), cm.both());
    assertTrue(cm.out.contains("Partition 424242 (ghost): not on this server"), cm.both());
    assertEquals(27, cm.run("stc", "status", "-slot", "0"), cm.both());
  }
}
