package org.openstc.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openstc.client.StcClientException;
import org.openstc.client.StcClientException.Kind;
import org.openstc.token.TokenException;

/** Every client library failure has its own exit code; token failures keep the token codes. */
class ClientExitCodesTest {
  @Test
  void everyKindHasASpecificCode() {
    Set<ExitCode> seen = new HashSet<>();
    for (Kind k : Kind.values()) {
      ExitCode c = ExitCodes.of(new StcClientException(k, "x", null));
      assertNotEquals(ExitCode.ERROR, c, k.name());
      seen.add(c);
    }
    assertEquals(Kind.values().length, seen.size(), seen.toString());
    assertEquals(22, ExitCodes.of(new StcClientException(Kind.SERVER_DOWN, "x", null)).code());
    assertEquals(24, ExitCodes.of(new StcClientException(Kind.NOT_REGISTERED, "x", null)).code());
    assertEquals(25, ExitCodes.of(new StcClientException(Kind.PARTITION_AUTH_FAILED, "x", null)).code());
  }

  @Test
  void tokenFailuresInsideTheClientKeepTheirTokenCode() {
    TokenException wrong = new TokenException(TokenException.Reason.WRONG_PASSPHRASE, "wrong");
    assertEquals(ExitCode.BAD_PASSWORD,
        ExitCodes.of(new StcClientException(Kind.TOKEN, "wrong", null, wrong)));
  }
}
