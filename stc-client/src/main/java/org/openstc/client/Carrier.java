package org.openstc.client;

import java.io.IOException;
import org.openstc.stc.StcException;
import org.openstc.stc.io.StcConnection;

/** What carries a {@link PartitionConnection}'s frames: an STC channel or an NTLS link. */
interface Carrier {
  void send(byte[] frame) throws IOException, StcException;

  /** The next frame, or null when the peer closed. */
  byte[] receive() throws IOException, StcException;

  void close() throws IOException;

  boolean isClosed();

  /** The STC connection underneath, or null for NTLS. */
  StcConnection stc();

  static Carrier of(StcConnection c) {
    return new Carrier() {
      @Override
      public void send(byte[] frame) throws IOException, StcException {
        c.send(frame);
      }

      @Override
      public byte[] receive() throws IOException, StcException {
        return c.receive();
      }

      @Override
      public void close() throws IOException {
        c.close();
      }

      @Override
      public boolean isClosed() {
        return c.channel().isClosed();
      }

      @Override
      public StcConnection stc() {
        return c;
      }
    };
  }
}
