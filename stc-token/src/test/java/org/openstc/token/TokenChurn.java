package org.openstc.token;

import java.nio.file.Path;
import java.util.Random;
import org.openstc.stc.KeyType;

/**
 * Child-process main for the crash and concurrency tests.
 * {@code churn HOME SEED}: loops forever creating and deleting the identity and registering and
 * deregistering partitions 1-3, printing "ready" once. {@code work HOME BASE N}: registers
 * partitions BASE..BASE+N-1, deregisters the odd ones, exits 0. {@code init HOME}: tokeninit.
 * Token errors exit with 10 + the reason's ordinal and print the message.
 */
public final class TokenChurn {
  private TokenChurn() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[1]);
    try {
      switch (args[0]) {
        case "churn" -> churn(home, new Random(Long.parseLong(args[2])));
        case "work" -> work(home, Long.parseLong(args[2]), Integer.parseInt(args[3]));
        case "init" -> TokenHome.of(home).init("tok", null);
        default -> throw new IllegalArgumentException(args[0]);
      }
    } catch (TokenException e) {
      System.out.println(e.reason() + ": " + e.getMessage());
      System.exit(10 + e.reason().ordinal());
    }
  }

  private static void churn(Path home, Random random) throws Exception {
    boolean announced = false;
    for (int i = 0; ; i++) {
      try (Token t = Token.open(home)) {
        step(t, random, i);
      }
      if (!announced) {
        System.out.println("ready");
        System.out.flush();
        announced = true;
      }
    }
  }

  private static void step(Token t, Random random, int i) throws Exception {
    if (t.clientIdentity().isEmpty()) {
      t.createIdentity("id" + i, i % 2 == 0 ? KeyType.X25519 : KeyType.P256, null);
      return;
    }
    KeyType type = t.clientIdentity().get().keyType();
    long serial = 1 + random.nextInt(3);
    int action = random.nextInt(10);
    if (action < 5 && t.partition(serial).isEmpty()) {
      t.registerPartition(TokenTestSupport.pid(serial, type), null, null);
    } else if (action < 9 && t.partition(serial).isPresent()) {
      t.deregisterPartition(serial);
    } else if (action == 9) {
      t.deleteIdentity();
    }
  }

  private static void work(Path home, long base, int n) throws Exception {
    try (Token t = Token.open(home)) {
      KeyType type = t.clientIdentity().orElseThrow().keyType();
      for (int i = 0; i < n; i++) {
        t.registerPartition(TokenTestSupport.pid(base + i, type), null, null);
      }
      for (int i = 1; i < n; i += 2) {
        t.deregisterPartition(base + i);
      }
    }
  }
}
