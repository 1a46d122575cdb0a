package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Terminal;
import org.openstc.partition.store.Accounts;
import org.openstc.partition.store.AuditLog;

/**
 * Administrator accounts: single-admin mode, logins (options, environment), the role matrix of
 * {@link CommandRoles}, lockout and unlock, forceSOLogin, and the audit lines they leave.
 */
class StcShAccountsTest {
  static final String ADMIN_PW = "admin-pass-1";
  @TempDir Path home;
  @TempDir Path files;
  StcShHarness h;

  @BeforeEach
  void hostWithAnAdmin() throws Exception {
    h = StcShHarness.initialized(home);
    assertEquals(0, h.run("partition", "create", "-partition", "p1", "-size", "100000"), h::both);
    assertEquals(0, h.run("hsm", "logout"), h::both); // forceSOLogin below needs a host with no SO login
    assertEquals(0, h.run("user", "list"), h::both);
    assertTrue(h.out.contains("0 user(s): single-admin mode"), h::both);
    assertEquals(0, h.run("user", "add", "-u", "root", "-role", "admin", "-password", ADMIN_PW), h::both);
  }

  private Path passwordFile(String name, String password) throws Exception {
    Path f = files.resolve(name + ".pw");
    Files.writeString(f, password + "\n");
    return f;
  }

  /** Runs {@code args} as {@code user} (password {@code user + "-pass-1"}, root: ADMIN_PW). */
  private int as(String user, String... args) throws Exception {
    String pw = user.equals("root") ? ADMIN_PW : user + "-pass-1";
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "-user";
    all[args.length + 1] = user;
    all[args.length + 2] = "-user-password-file";
    all[args.length + 3] = passwordFile(user, pw).toString();
    return h.run(all);
  }

  @Test
  void afterTheFirstAccountEveryCommandNeedsALogin() throws Exception {
    assertEquals(ExitCode.NOT_PERMITTED.code(), h.run("partition", "list"), h::both);
    assertTrue(h.err.contains("-user NAME -user-password-file FILE"), h::both);
    assertEquals(0, as("root", "partition", "list"), h::both);
    h.env.put("STC_ADMIN_USER", "root");
    h.env.put("STC_ADMIN_PASSWORD_FILE", passwordFile("root", ADMIN_PW).toString());
    assertEquals(0, h.run("partition", "list"), h::both);
    assertTrue(h.out.contains("p1"), h::both);
  }

  @Test
  void rolesMatrix() throws Exception {
    for (String role : new String[] {"monitor", "operator", "registration"}) {
      assertEquals(0, as("root", "user", "add", "-u", role, "-role", role, "-password", role + "-pass-1"), h::both);
    }
    String[][] commands = {
        {"partition", "list"}, {"partition", "showPolicies", "-partition", "p1"}, {"audit", "show"},
        {"client", "list", "-partition", "p1"},
        {"client", "register", "-partition", "p1", "-label", "c1", "-file", files.resolve("none.stcid").toString()},
        {"client", "deregister", "-partition", "p1", "-label", "c1"},
        {"partition", "deactivate", "-partition", "p1"}, {"partition", "activate", "-partition", "p1"},
        {"hsm", "changePolicy", "-policy", "16", "-value", "0"},
        {"partition", "create", "-partition", "p2", "-size", "100000"},
        {"user", "add", "-u", "x1", "-role", "monitor", "-password", "x1-pass-12"}};
    // columns: monitor, operator, registration, admin
    boolean[][] allowed = {
        // partition list: the vendor's one-step NTLS registration role includes it
        {true, true, true, true}, {true, true, false, true}, {true, true, false, true},
        {true, true, true, true},
        {false, true, true, true},
        {false, true, false, true},
        {false, false, false, true}, {false, false, false, true},
        {false, false, false, true},
        {false, false, false, true},
        {false, false, false, true}};
    String[] users = {"monitor", "operator", "registration", "root"};
    for (int c = 0; c < commands.length; c++) {
      for (int u = 0; u < users.length; u++) {
        int status = as(users[u], commands[c]);
        String what = users[u] + " " + String.join(" ", commands[c]) + ": " + h.both();
        if (allowed[c][u]) {
          assertNotEquals(ExitCode.NOT_PERMITTED.code(), status, what);
        } else {
          assertEquals(ExitCode.NOT_PERMITTED.code(), status, what);
          assertTrue(h.err.contains("needs the role"), what);
        }
      }
    }
  }

  @Test
  void wrongPasswordsLockTheAccountUntilAnAdminUnlocksIt() throws Exception {
    assertEquals(0, as("root", "user", "add", "-u", "op", "-role", "operator", "-password", "op-pass-1"), h::both);
    Path wrong = passwordFile("wrong", "not-the-password");
    for (int i = 1; i <= Accounts.MAX_FAILURES; i++) {
      assertEquals(ExitCode.BAD_PASSWORD.code(), h.run("partition", "list", "-user", "op", "-user-password-file", wrong.toString()), h::both);
      assertTrue(h.err.contains((Accounts.MAX_FAILURES - i) + " attempts left"), h::both);
    }
    assertEquals(ExitCode.ACCOUNT_LOCKED.code(), as("op", "partition", "list"), h::both);
    assertTrue(h.err.contains("user unlock -u op"), h::both);
    assertEquals(ExitCode.NOT_PERMITTED.code(), as("monitorless", "partition", "list") == ExitCode.BAD_PASSWORD.code()
        ? ExitCode.NOT_PERMITTED.code() : -1, "an unknown account is a wrong login: " + h.both());
    assertEquals(0, as("root", "user", "show", "-u", "op", "-json"), h::both);
    assertEquals("locked", JsonParser.parseString(h.out).getAsJsonObject().get("status").getAsString());
    assertEquals(0, as("root", "user", "unlock", "-u", "op"), h::both);
    assertEquals(0, as("op", "partition", "list"), h::both);
  }

  @Test
  void passwordsChangeOwnOrByAnAdminAndTheLastAdminStays() throws Exception {
    assertEquals(0, as("root", "user", "add", "-u", "mon", "-role", "monitor", "-password", "mon-pass-1"), h::both);
    assertEquals(ExitCode.NOT_PERMITTED.code(), as("mon", "user", "password", "-u", "root", "-password", "hijack-pass-1"), h::both);
    assertEquals(0, as("mon", "user", "show", "-json"), h::both);
    assertEquals("monitor", JsonParser.parseString(h.out).getAsJsonObject().get("role").getAsString());
    assertEquals(0, as("mon", "user", "password", "-password", "mon-pass-2"), h::both);
    assertEquals(ExitCode.BAD_PASSWORD.code(), as("mon", "partition", "list"), h::both);
    assertEquals(0, as("root", "user", "password", "-u", "mon", "-password", "mon-pass-1"), h::both);
    assertEquals(0, as("mon", "partition", "list"), h::both);
    assertEquals(ExitCode.NOT_PERMITTED.code(), as("root", "user", "delete", "-u", "root", "-force"), h::both);
    assertTrue(h.err.contains("last admin"), h::both);
    assertEquals(ExitCode.USAGE.code(), as("root", "user", "add", "-u", "x", "-role", "boss", "-password", "x-pass-123"), h::both);
    assertEquals(ExitCode.USAGE.code(), as("root", "user", "add", "-u", "9x", "-role", "monitor", "-password", "x-pass-123"), h::both);
    assertEquals(0, as("root", "user", "list", "-json"), h::both);
    JsonArray users = JsonParser.parseString(h.out).getAsJsonObject().getAsJsonArray("users");
    assertEquals(2, users.size(), h::both);
  }

  @Test
  void forceSoLoginGuardsClientRegister() throws Exception {
    String[] register = {"client", "register", "-partition", "p1", "-label", "c1", "-file", files.resolve("none.stcid").toString()};
    assertEquals(0, as("root", "sysconf", "forceSOLogin", "show"), h::both);
    assertTrue(h.out.contains("Force SO login is disabled."), h::both);
    assertEquals(0, as("root", "sysconf", "forceSOLogin", "enable"), h::both);
    assertEquals(ExitCode.NOT_PERMITTED.code(), as("root", register), h::both);
    assertTrue(h.err.contains("needs the HSM SO logged in"), h::both);
    // an SO login in the same session (the hsm login command sets it) lets the registration through
    StringWriter o = new StringWriter();
    PrintWriter po = new PrintWriter(o, true);
    CliContext ctx = new CliContext(po, po, Terminal.of(new ByteArrayInputStream(new byte[0]), po),
        Map.of("STC_HOST_HOME", home.toString(), "STC_ADMIN_USER", "root",
            "STC_ADMIN_PASSWORD_FILE", passwordFile("root", ADMIN_PW).toString()));
    ctx.state(AdminSession.class, AdminSession::new).setSoLogin(() -> true);
    assertNotEquals(ExitCode.NOT_PERMITTED.code(), StcSh.run(ctx, register), o::toString);
    assertEquals(0, as("root", "sysconf", "forceSOLogin", "disable"), h::both);
    assertNotEquals(ExitCode.NOT_PERMITTED.code(), as("root", register), h::both);
  }

  @Test
  void anHsmLoginInThisProcessSatisfiesForceSoLogin() throws Exception {
    String[] register = {"client", "register", "-partition", "p1", "-label", "c1", "-file", files.resolve("none.stcid").toString()};
    assertEquals(0, as("root", "sysconf", "forceSOLogin", "enable"), h::both);
    assertEquals(ExitCode.NOT_PERMITTED.code(), as("root", register), h::both);
    assertEquals(0, as("root", "hsm", "login", "-password", StcShHarness.SO_PASSWORD), h::both);
    assertNotEquals(ExitCode.NOT_PERMITTED.code(), as("root", register), h::both);
    assertEquals(0, as("root", "hsm", "logout"), h::both);
    assertEquals(ExitCode.NOT_PERMITTED.code(), as("root", register), h::both);
  }

  @Test
  void auditLinesAreWellFormedNameTheAccountAndHoldNoSecret() throws Exception {
    assertEquals(0, as("root", "user", "add", "-u", "mon", "-role", "monitor", "-password", "Secret-Marker-9"), h::both);
    assertEquals(ExitCode.BAD_PASSWORD.code(), as("mon", "partition", "list") , h::both); // wrong: mon-pass-1
    assertEquals(0, as("root", "partition", "changePolicy", "-partition", "p1", "-policy", "23", "-value", "0"), h::both);
    assertEquals(0, as("root", "partition", "list"), h::both); // a read: not audited
    List<String> lines = AuditLog.read(home, 0);
    for (String line : lines) {
      JsonObject o = JsonParser.parseString(line).getAsJsonObject();
      assertEquals(List.of("time", "account", "command", "result"), List.copyOf(o.keySet()), line);
      assertFalse(line.contains("Secret-Marker-9") || line.contains(ADMIN_PW), line);
    }
    String all = String.join("\n", lines);
    assertTrue(all.contains("\"command\":\"user add --username root --role admin --password ***\""), all);
    assertTrue(all.contains("\"account\":\"mon\",\"command\":\"login\",\"result\":\"failed: login incorrect"), all);
    assertTrue(all.contains("\"account\":\"root\",\"command\":\"partition changePolicy --partition p1 --policy 23 --value 0"), all);
    assertFalse(all.contains("partition list"), all);
    assertEquals(0, as("root", "audit", "show", "-tail", "2", "-json"), h::both);
    assertEquals(2, JsonParser.parseString(h.out).getAsJsonObject().getAsJsonArray("entries").size(), h::both);
    assertEquals(0, as("root", "audit", "show"), h::both);
    assertTrue(h.out.contains("root  partition changePolicy"), h::both);
  }

  @Test
  void aShellAsksWhoYouAreAndAScriptNeedsTheEnvironment() throws Exception {
    assertEquals(ExitCode.NOT_PERMITTED.code(), h.runWith("partition list\nexit\n"), h::both);
    assertTrue(h.err.contains("$STC_ADMIN_USER"), h::both);
    h.env.put("STC_ADMIN_USER", "root");
    h.env.put("STC_ADMIN_PASSWORD_FILE", passwordFile("root", ADMIN_PW).toString());
    assertEquals(0, h.runWith("partition list\npartition deactivate -partition p1\nexit\n"), h::both);
    assertTrue(h.out.contains("'partition deactivate' successful."), h::both);
    assertTrue(String.join("\n", AuditLog.read(home, 1)).contains("\"account\":\"root\""));
    assertFalse(new String(Files.readAllBytes(home.resolve(AuditLog.FILE)), StandardCharsets.UTF_8).contains(ADMIN_PW));
  }
}
