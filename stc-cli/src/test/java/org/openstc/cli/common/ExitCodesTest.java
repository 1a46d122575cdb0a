package org.openstc.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openstc.identity.IdentityFileException;
import org.openstc.token.TokenException;

class ExitCodesTest {
  @Test
  void codesAreUniqueAndStable() {
    Set<Integer> seen = new HashSet<>();
    for (ExitCode c : ExitCode.values()) {
      assertEquals(true, seen.add(c.code()), c.name());
      assertEquals(c, ExitCode.of(c.code()));
    }
    assertEquals(0, ExitCode.SUCCESS.code());
    assertEquals(12, ExitCode.BUSY.code());
    assertEquals("Command Result : 8 (Hash mismatch)", ExitCode.HASH_MISMATCH.resultLine());
  }

  @Test
  void everyTokenAndFileReasonHasASpecificCode() {
    for (TokenException.Reason r : TokenException.Reason.values()) {
      assertNotEquals(ExitCode.ERROR, ExitCodes.of(new TokenException(r, "x")), r.name());
    }
    for (IdentityFileException.Reason r : IdentityFileException.Reason.values()) {
      assertNotEquals(ExitCode.ERROR, ExitCodes.of(new IdentityFileException(r, "x")), r.name());
    }
    assertEquals(ExitCode.STORE_FULL, ExitCodes.of(new TokenException(TokenException.Reason.FULL, "x")));
    assertEquals(ExitCode.ERROR, ExitCodes.of(new IllegalStateException()));
  }
}
