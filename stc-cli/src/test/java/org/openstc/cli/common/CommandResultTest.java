package org.openstc.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.openstc.client.StcClientException;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.token.TokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The closing line names the CKR result behind a failure; -json failures are JSON on stderr. */
class CommandResultTest {
  @Command(name = "demo", subcommands = Demo.Fail.class)
  static final class Demo {
    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
      @Option(names = {"-with", "--with"}) String with;
      @Mixin Options.Json json;

      @Override
      public Integer call() throws Exception {
        switch (with) {
          case "pin": throw new StcClientException(StcClientException.Kind.COMMAND, "login refused",
              null, new CkException(CkResult.CKR_PIN_INCORRECT, "wrong PIN"));
          case "unknown": throw new StcClientException(StcClientException.Kind.COMMAND, "refused",
              null, new CkException(0x80001234L, "vendor code"));
          case "channel": throw new StcClientException(StcClientException.Kind.NOT_REGISTERED,
              "not registered", "ask the Partition SO",
              new StcException(StcError.CKR_STC_CLIENT_HANDLE_INVALID, "unknown client"));
          case "token": throw new TokenException(TokenException.Reason.NOT_INITIALIZED, "no token");
          default: return 0;
        }
      }
    }
  }

  private static CliHarness run(String... args) {
    CliHarness h = new CliHarness(Demo.class, "", Map.of());
    h.cli.run(args);
    return h;
  }

  @Test
  void textModeNamesTheCkrOnTheResultLine() {
    assertTrue(run("fail", "-with", "pin").out().contains(
        "Command Result : 26 (Partition refused the command: CKR_PIN_INCORRECT)"));
    assertTrue(run("fail", "-with", "unknown").out().contains(
        "Command Result : 26 (Partition refused the command: 0x80001234)"));
    CliHarness channel = run("fail", "-with", "channel");
    assertTrue(channel.out().contains(
        "Command Result : 24 (Identity not registered: CKR_STC_CLIENT_HANDLE_INVALID)"), channel.out());
    assertTrue(channel.err().startsWith("Error: not registered (ask the Partition SO)"), channel.err());
    assertTrue(run("fail", "-with", "token").out().contains("Command Result : 4 (Not initialized)"
        + System.lineSeparator()));
    assertTrue(run("fail", "-with", "none").out().contains("Command Result : 0 (Success)"));
  }

  @Test
  void jsonModeFailuresAreOneJsonObjectOnStderr() {
    CliHarness h = run("fail", "-with", "pin", "-json");
    assertEquals("", h.out());
    JsonObject e = JsonParser.parseString(h.err()).getAsJsonObject();
    assertEquals(26, e.get("exitCode").getAsInt());
    assertEquals("Partition refused the command", e.get("result").getAsString());
    assertEquals("CKR_PIN_INCORRECT", e.get("ckr").getAsString());
    assertEquals("login refused", e.get("message").getAsString());
    JsonObject token = JsonParser.parseString(run("fail", "-with", "token", "-json").err())
        .getAsJsonObject();
    assertEquals(4, token.get("exitCode").getAsInt());
    assertTrue(token.get("ckr").isJsonNull());
    CliHarness usage = run("fail", "-json", "-bogus");
    JsonObject u = JsonParser.parseString(usage.err()).getAsJsonObject();
    assertEquals(2, u.get("exitCode").getAsInt());
    assertTrue(u.get("message").getAsString().contains("-bogus"), usage.err());
    assertEquals("", usage.out());
  }

  @Test
  void ckrNameWalksTheCauses() {
    assertNull(ExitCodes.ckrName(new IllegalStateException()));
    assertEquals("CKR_STC_RESPONSE_BAD_MAC", ExitCodes.ckrName(new RuntimeException(
        new StcException(StcError.CKR_STC_RESPONSE_BAD_MAC, "x"))));
  }
}
