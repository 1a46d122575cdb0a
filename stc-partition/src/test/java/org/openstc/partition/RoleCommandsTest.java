package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.command.CkResult.CKR_FUNCTION_NOT_SUPPORTED;
import static org.openstc.command.CkResult.CKR_PIN_INCORRECT;
import static org.openstc.command.CkResult.CKR_PIN_INVALID;
import static org.openstc.command.CkResult.CKR_PIN_LEN_RANGE;
import static org.openstc.command.CkResult.CKR_PIN_LOCKED;
import static org.openstc.command.CkResult.CKR_TOKEN_NOT_RECOGNIZED;
import static org.openstc.command.CkResult.CKR_USER_ALREADY_LOGGED_IN;
import static org.openstc.command.CkResult.CKR_USER_ANOTHER_ALREADY_LOGGED_IN;
import static org.openstc.command.CkResult.CKR_USER_NOT_LOGGED_IN;
import static org.openstc.command.CkResult.CKR_USER_PIN_NOT_INITIALIZED;
import static org.openstc.command.CkResult.CKR_USER_TYPE_INVALID;
import static org.openstc.partition.Fixture.CO_PIN;
import static org.openstc.partition.Fixture.CU_PIN;
import static org.openstc.partition.Fixture.SO_PIN;
import static org.openstc.partition.Fixture.pin;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CommandRequest;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.command.Role;

class RoleCommandsTest {
  @TempDir
  Path home;
  Fixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = Fixture.create(home, 100_000);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void infoEchoAndRandomNeedNoLogin() throws Exception {
    Session s = f.session();
    PartitionInfo info = PartitionInfo.decode(f.ok(s, Requests.partitionInfo(f.id())));
    assertEquals(f.serial, info.serial());
    assertFalse(info.initialized());
    assertEquals(1, info.clients());
    assertEquals(2392, info.usedBytes());
    assertEquals((100_000 - 2392) / 2392, info.moreClientsFit());
    assertArrayEquals(new byte[] {9, 8, 7}, f.ok(s, Requests.echo(f.id(), new byte[] {9, 8, 7})));
    assertEquals(32, f.ok(s, Requests.random(f.id(), 32)).length);
    f.expect(org.openstc.command.CkResult.CKR_ARGUMENTS_BAD, s, Requests.random(f.id(), 0));
    f.expect(org.openstc.command.CkResult.CKR_ARGUMENTS_BAD, s, Requests.random(f.id(), 65537));
    f.expect(CKR_FUNCTION_NOT_SUPPORTED, s, new CommandRequest(f.id(), 0x7777, new byte[0]));
  }

  @Test
  void uninitializedPartitionRefusesRoleCommands() throws Exception {
    Session s = f.session();
    f.expect(CKR_TOKEN_NOT_RECOGNIZED, s, Requests.login(f.id(), Role.PO, SO_PIN));
    f.expect(CKR_TOKEN_NOT_RECOGNIZED, s, Requests.clientList(f.id()));
    f.expect(CKR_TOKEN_NOT_RECOGNIZED, s, Requests.generate(f.id(), ObjectType.AES256, "k"));
  }

  @Test
  void initLoginLogoutAndReinit() throws Exception {
    Session s = f.initialized();
    assertTrue(PartitionInfo.decode(f.ok(s, Requests.partitionInfo(f.id()))).initialized());
    f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.partitionInit(f.id(), "again", SO_PIN));
    f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.logout(f.id()));
    Session co = f.loggedIn(Role.CO);
    f.ok(co, Requests.generate(f.id(), ObjectType.AES256, "k1"));
    f.expect(CKR_USER_ALREADY_LOGGED_IN, co, Requests.login(f.id(), Role.CO, CO_PIN));
    f.expect(CKR_USER_ANOTHER_ALREADY_LOGGED_IN, co, Requests.login(f.id(), Role.CU, CU_PIN));
    Session po = f.loggedIn(Role.PO);
    f.ok(po, Requests.partitionInit(f.id(), "label2", pin("new-so-pin-1")));
    assertEquals("label2", PartitionInfo.decode(f.ok(s, Requests.partitionInfo(f.id()))).label());
    assertEquals(0, PartitionInfo.decode(f.ok(s, Requests.partitionInfo(f.id()))).objects());
    f.expect(CKR_USER_NOT_LOGGED_IN, co, Requests.listObjects(f.id()));
    f.expect(CKR_USER_PIN_NOT_INITIALIZED, f.session(), Requests.login(f.id(), Role.CO, CO_PIN));
    f.ok(f.session(), Requests.login(f.id(), Role.PO, pin("new-so-pin-1")));
  }

  @Test
  void pinChangesAndFormats() throws Exception {
    Session s = f.initialized();
    f.expect(CKR_PIN_LEN_RANGE, f.loggedIn(Role.PO), Requests.initPin(f.id(), Role.CO, pin("short")));
    f.expect(CKR_PIN_INVALID, f.loggedIn(Role.PO), Requests.initPin(f.id(), Role.CO, pin("tab\there-ok")));
    f.expect(CKR_USER_TYPE_INVALID, f.loggedIn(Role.PO), Requests.initPin(f.id(), Role.PO, SO_PIN));
    f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.changePin(f.id(), CU_PIN, pin("cu-pin-5678")));
    Session cu = f.loggedIn(Role.CU);
    f.expect(CKR_PIN_INCORRECT, cu, Requests.changePin(f.id(), pin("wrong-pin-1"), pin("cu-pin-5678")));
    f.ok(cu, Requests.changePin(f.id(), CU_PIN, pin("cu-pin-5678")));
    f.expect(CKR_PIN_INCORRECT, f.session(), Requests.login(f.id(), Role.CU, CU_PIN));
    f.ok(f.session(), Requests.login(f.id(), Role.CU, pin("cu-pin-5678")));
  }

  @Test
  void tenConsecutiveFailuresLockTheRoleUntilThePoResetsIt() throws Exception {
    f.initialized();
    Session s = f.session();
    f.expect(CKR_PIN_INCORRECT, s, Requests.login(f.id(), Role.CO, pin("wrong-pin-0")));
    f.ok(s, Requests.login(f.id(), Role.CO, CO_PIN));
    f.ok(s, Requests.logout(f.id()));
    for (int i = 0; i < 10; i++) {
      f.expect(CKR_PIN_INCORRECT, s, Requests.login(f.id(), Role.CO, pin("wrong-pin-" + i)));
    }
    f.expect(CKR_PIN_LOCKED, s, Requests.login(f.id(), Role.CO, CO_PIN));
    f.ok(f.loggedIn(Role.PO), Requests.initPin(f.id(), Role.CO, CO_PIN));
    f.ok(s, Requests.login(f.id(), Role.CO, CO_PIN));
  }
}
