package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/stc-p11 stdio} as p11-kit's {@code remote: |...} runs it: the RPC stream on
 * stdin/stdout (nothing else on stdout), ending when stdin closes; and {@code module-file}
 * prints the module file that makes p11-kit run it. (p11-kit reads user module files only for
 * non-root programs, so the test drives the stream itself.)
 */
class StdioIT {
  @TempDir Path dir;

  private static Path launcher() {
    return Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize()
        .resolve("bin/stc-p11");
  }

  @Test
  void moduleFileNamesTheClientModuleAndTheStdioCommand() throws Exception {
    Process p = new ProcessBuilder(launcher().toString(), "module-file").start();
    String module = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(module.contains("module: " + Tool.CLIENT_MODULE), module);
    assertTrue(module.contains("remote: |" + launcher() + " stdio"), module);
  }

  @Test
  void servesTheSlotsOnStdinAndStdout() throws Exception {
    try (LivePartition live = LivePartition.create(dir)) {
      ProcessBuilder pb = new ProcessBuilder(launcher().toString(), "stdio")
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("STC_HOME", live.home.toString());
      Process p = pb.start();
      OutputStream in = p.getOutputStream();
      InputStream out = p.getInputStream();
      in.write(0);
      in.flush();
      assertEquals(0, out.read());
      exchange(in, out, RpcClient.bytes(RpcClient.request(RpcCall.C_INITIALIZE),
          Dispatcher.HANDSHAKE).u8(0).u8(1).byteArray(new byte[] {0}));
      RpcReader slots = exchange(in, out, RpcClient.request(RpcCall.C_GET_SLOT_LIST).u8(1)
          .u32(16));
      assertEquals(1, slots.u8());
      assertEquals(1, slots.u32());
      assertEquals(0, slots.ulong());
      RpcReader token = exchange(in, out, RpcClient.request(RpcCall.C_GET_TOKEN_INFO).ulong(0));
      assertTrue(new String(token.byteArray(), StandardCharsets.UTF_8)
          .startsWith(LivePartition.LABEL));
      in.close();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stdio did not end with its input");
      assertEquals(0, p.exitValue());
      assertEquals(-1, out.read(), "nothing but RPC on stdout");
    }
  }

  private static RpcReader exchange(OutputStream in, InputStream out, RpcWriter body)
      throws Exception {
    byte[] b = body.toByteArray();
    in.write(new RpcWriter().u32(5).u32(0).u32(b.length).toByteArray());
    in.write(b);
    in.flush();
    RpcReader header = new RpcReader(out.readNBytes(12));
    assertEquals(5, header.u32());
    header.u32();
    RpcReader answer = new RpcReader(out.readNBytes((int) header.u32()));
    assertTrue(answer.u32() != RpcCall.ERROR);
    answer.byteArray();
    return answer;
  }
}
