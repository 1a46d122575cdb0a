package org.openstc.partition.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.StcError;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/**
 * Issue 11 §4: a client deregistered while its connection is between OPEN_RESPONSE and ACTIVATE
 * gets REJECT at once (the in-process event reaches handshakes too) and never ACTIVATE_RESPONSE;
 * a partition deleted meanwhile closes the handshake the same way.
 */
class HandshakeDeregistrationTest {
  @TempDir Path home;
  private HostFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new HostFixture(home);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void deregistrationAfterOpenResponseRejectsTheHandshake() throws Exception {
    afterOpenResponse(() -> f.store.registrations().deregister(f.serial, "client1"),
        StcError.CKR_STC_CLIENT_HANDLE_INVALID);
  }

  @Test
  void deletionAfterOpenResponseRejectsTheHandshake() throws Exception {
    afterOpenResponse(() -> f.store.partitions().delete("par1"), StcError.CKR_STC_CONTAINER_INVALID);
  }

  private interface Change {
    void run() throws Exception;
  }

  private void afterOpenResponse(Change change, StcError expected) throws Exception {
    ClientHandshake client = f.handshake();
    try (Socket s = f.socket()) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(client.start());
      Frame openResponse = RawFrames.readFrame(in);
      assertEquals(FrameType.OPEN_RESPONSE, openResponse.type());
      byte[] activate = client.onFrame(openResponse);
      change.run();
      Frame reject = RawFrames.readFrame(in);
      assertEquals(FrameType.REJECT, reject.type());
      assertEquals(expected, Alerts.toException(reject.body()).error());
      try {
        out.write(activate);
      } catch (java.io.IOException closed) {
        // The host may already have closed the connection.
      }
      assertThrows(java.io.IOException.class, () -> RawFrames.read(in), "no ACTIVATE_RESPONSE");
      assertEquals(0, f.host.server().activeChannels());
    }
  }
}
