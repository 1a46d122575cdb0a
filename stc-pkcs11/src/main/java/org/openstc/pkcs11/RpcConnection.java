package org.openstc.pkcs11;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One application's RPC stream (a Unix socket connection or stdin/stdout): the version byte,
 * then frames of {@code u32 code || u32 optionsLength || u32 bodyLength || options || body},
 * each answered by one frame with the same code. A body is {@code u32 call || bytes signature
 * || arguments}. A frame over the limits or a broken stream ends the connection; a body that
 * does not parse is answered with an ERROR message (CKR_DEVICE_ERROR) and the stream goes on.
 */
final class RpcConnection {
  /** The highest protocol version served: 1 (PKCS#11 3.0 call ids; same encodings as 0). */
  static final int MAX_VERSION = 1;
  static final int MAX_OPTIONS = 4096;
  static final int MAX_BODY = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(RpcConnection.class);

  private final InputStream in;
  private final OutputStream out;
  private final Dispatcher dispatcher;
  private final P11State state;

  RpcConnection(InputStream in, OutputStream out, Backends backends) {
    this.in = in;
    this.out = out;
    this.state = new P11State(backends);
    this.dispatcher = new Dispatcher(state);
  }

  /** Serves until the peer closes the stream or breaks the framing; always closes the state. */
  void serve() throws IOException {
    try {
      int version = in.read();
      if (version < 0) {
        return;
      }
      out.write(Math.min(version, MAX_VERSION));
      out.flush();
      byte[] header = new byte[12];
      while (readFully(header, true)) {
        long code = u32(header, 0);
        long optionsLength = u32(header, 4);
        long bodyLength = u32(header, 8);
        if (optionsLength > MAX_OPTIONS || bodyLength > MAX_BODY) {
          throw new IOException("frame of " + optionsLength + "+" + bodyLength
              + " bytes is over the limits (" + MAX_OPTIONS + ", " + MAX_BODY + ")");
        }
        readFully(new byte[(int) optionsLength], false);
        byte[] body = new byte[(int) bodyLength];
        readFully(body, false);
        byte[] answer = answer(body);
        byte[] frame = new byte[12 + answer.length];
        put32(frame, 0, code);
        put32(frame, 8, answer.length);
        System.arraycopy(answer, 0, frame, 12, answer.length);
        out.write(frame);
        out.flush();
      }
    } finally {
      state.close();
    }
  }

  /** Open channels of this connection (tests: none may remain after it ends). */
  int openChannels() {
    return state.openChannels();
  }

  /** The response body to one request body. */
  byte[] answer(byte[] body) {
    RpcReader r = new RpcReader(body);
    int call = RpcCall.ERROR;
    try {
      long id = r.u32();
      if (!RpcCall.known(id)) {
        return error(Ck.CKR_FUNCTION_NOT_SUPPORTED);
      }
      call = (int) id;
      byte[] signature = r.byteArray();
      if (signature == null || !Arrays.equals(signature,
          RpcCall.request(call).getBytes(StandardCharsets.US_ASCII))) {
        throw new RpcFormatException("signature does not match " + RpcCall.name(call));
      }
      RpcWriter fields = dispatcher.handle(call, r);
      return new RpcWriter().u32(call)
          .byteArray(RpcCall.response(call).getBytes(StandardCharsets.US_ASCII))
          .toByteArray(fields);
    } catch (RpcFormatException e) {
      LOG.debug("malformed {}: {}", call == 0 ? "message" : RpcCall.name(call), e.getMessage());
      return error(Ck.CKR_DEVICE_ERROR);
    } catch (CkrException e) {
      LOG.debug("{}: {}", RpcCall.name(call), e.getMessage());
      return error(e.ckr());
    } catch (RuntimeException e) {
      LOG.warn("{} failed", RpcCall.name(call), e);
      return error(Ck.CKR_GENERAL_ERROR);
    }
  }

  private static byte[] error(long ckr) {
    return new RpcWriter().u32(RpcCall.ERROR).byteArray(new byte[] {'u'}).ulong(ckr)
        .toByteArray();
  }

  /** False at a clean end of stream before the first byte when {@code atFrameStart}. */
  private boolean readFully(byte[] b, boolean atFrameStart) throws IOException {
    int n = 0;
    while (n < b.length) {
      int r = in.read(b, n, b.length - n);
      if (r < 0) {
        if (n == 0 && atFrameStart) {
          return false;
        }
        throw new EOFException("stream ended inside a frame");
      }
      n += r;
    }
    return true;
  }

  private static long u32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8)
        | (b[at + 3] & 0xffL);
  }

  private static void put32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
