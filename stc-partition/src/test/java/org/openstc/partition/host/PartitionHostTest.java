package org.openstc.partition.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.partition.store.HostStore;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;

/** The host store behind the STC server: commands over real channels, and live effects. */
class PartitionHostTest {
  @TempDir Path home;
  private HostFixture f;
  private HostStore store;
  private PartitionHost host;
  private long serial;

  @BeforeEach
  void start() throws Exception {
    f = new HostFixture(home);
    store = f.store;
    host = f.host;
    serial = f.serial;
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private StcConnection connect() throws Exception {
    return f.connect();
  }

  @Test
  void commandsRunInsideTheChannel() throws Exception {
    try (StcConnection conn = connect()) {
      CommandResponse echo = CommandResponse.decode(
          conn.call(Requests.echo(1, new byte[] {9, 8}).encode()));
      assertEquals(CkResult.CKR_OK, echo.result());
      assertArrayEquals(new byte[] {9, 8}, echo.body());
      CommandResponse info = CommandResponse.decode(
          conn.call(Requests.partitionInfo(2).encode()));
      assertEquals(serial, PartitionInfo.decode(info.body()).serial());
    }
  }

  @Test
  void deregistrationClosesTheOpenChannel() throws Exception {
    try (StcConnection conn = connect()) {
      conn.call(Requests.echo(1, new byte[0]).encode());
      store.registrations().deregister(serial, "client1");
      StcException e = assertThrows(StcException.class, conn::receive);
      assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID, e.error());
    }
    StcException e = assertThrows(StcException.class, this::connect);
    assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID, e.error());
  }

  @Test
  void deletedPartitionIsUnknown() throws Exception {
    store.partitions().delete("par1");
    StcException e = assertThrows(StcException.class, this::connect);
    assertEquals(StcError.CKR_STC_CONTAINER_INVALID, e.error());
    assertTrue(host.server().activeChannels() == 0);
  }
}
