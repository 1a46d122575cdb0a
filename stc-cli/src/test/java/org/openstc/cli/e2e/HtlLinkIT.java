package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.cli.e2e.NtlsHost.expect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.NtlsConfig;
import org.openstc.client.NtlsLink;

/**
 * Seed 001 (NTL with HTL) with the real launchers in separate processes: the server added
 * {@code -htl}, the client registered {@code -requirehtl -generateott}, the token moved into
 * {@code htl/SERVER.ott}, the agent brings the link up; NTLS is refused until then and its links
 * end within 1 s of the HTL link dropping; a clone of the home taken at rest races the original
 * and exactly one stays synchronized; damaged, used and expired tokens are refused and audited.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HtlLinkIT {
  private static final String SERVER = "127.0.0.1";
  @TempDir Path dir;

  /** Seed 001 steps 4-12: server with -htl, client -requirehtl -generateott, token moved. */
  private Path provision(NtlsHost host) throws Exception {
    return provision(host, dir);
  }

  /**
   * {@link #provision(NtlsHost)} for other HTL tests ({@code dir} holds server.pem). The host
   * administrator's steps run in one {@code stcsh} session (a launcher JVM start costs more than
   * the commands), the client administrator's as separate {@code vtl} runs.
   */
  static Path provision(NtlsHost host, Path dir) throws Exception {
    Path serverPem = dir.resolve("server.pem");
    expect(0, host.vtl("createCert", "-n", SERVER));
    String reg = host.session("sysconf cert export -file " + serverPem,
        "client register -client VM_Client -ip " + SERVER + " -cert "
            + host.clientHome().resolve("cert/client/127.0.0.1.pem") + " -requirehtl"
            + " -generateott -password-file " + host.soPasswordFile(),
        "client assignPartition -client VM_Client -partition par1", "htl show");
    assertTrue(reg.contains("'client register' successful.\nOne-time token for client VM_Client"
        + " is ready to use."), reg);
    assertTrue(reg.contains("VM_Client           Down           Ready for d/l  300 (default)"),
        reg);
    String added = expect(0, host.vtl("addServer", "-n", SERVER, "-c", serverPem.toString(),
        "-port", String.valueOf(host.ntlsPort()), "-htl")).out();
    assertTrue(added.contains("New server 127.0.0.1 successfully added"), added);
    assertTrue(expect(0, host.vtl("listServers")).out().contains("HTL required: yes"));
    Path ott = host.clientHome().resolve("htl/" + SERVER + ".ott");
    Files.createDirectories(ott.getParent());
    return Files.copy(host.hostHome().resolve("VM_Client.ott"), ott);
  }

  /** One host for every case: seed flow, link loss, clone race, used, damaged, expired tokens. */
  @Test
  void seedFlowLinkLossCloneRaceAndBadTokens() throws Exception {
    try (NtlsHost host = NtlsHost.start(dir)) {
      provision(host);
      seedFlowLinkLossAndCloneRace(host);
      damagedAndExpiredTokens(host);
    }
  }

  private void seedFlowLinkLossAndCloneRace(NtlsHost host) throws Exception {
    Path usedToken = Files.copy(host.clientHome().resolve("htl/127.0.0.1.ott"),
        dir.resolve("used.ott"));
    NtlsHost.Result early = host.vtl("verify");
    assertNotEquals(0, early.exit(), "NTLS before the HTL link is up: " + early.out());

    try (HtlAgentProcess original = new HtlAgentProcess(host, host.clientHome(), SERVER,
        host.htlPort())) {
      linkUpThenLost(host, original);
    }
    cloneRaceAndUsedToken(host, usedToken);
  }

  /** The agent brings the link up; an NTLS link ends within 1 s of the agent dying. */
  private void linkUpThenLost(NtlsHost host, HtlAgentProcess original) throws Exception {
    assertTrue(original.await("HTL 127.0.0.1: Up"), original.output());
    String shown = expect(0, host.stcsh("htl", "show")).out();
    assertTrue(shown.contains("HTL Grace period   :  60 seconds\nDefault OTT expiry :  300 seconds"
        + "\nClient Name         HTL Status     OTT Status     OTT Expiry Time\n" + "-".repeat(65)
        + "\nVM_Client           Up             In Use         300 (default)"), shown);
    assertFalse(Files.exists(host.clientHome().resolve("htl/127.0.0.1.ott")), "token consumed");
    assertTrue(expect(0, host.vtl("verify")).out().contains("par1"));

    // Link loss: an open NTLS link ends within 1 s of the agent dying.
    NtlsConfig config = NtlsConfig.load(host.clientHome());
    NtlsLink link = NtlsLink.connect(config, config.server(SERVER).orElseThrow(),
        Duration.ofSeconds(10));
    try {
      assertFalse(link.list().isEmpty());
      long killed = System.nanoTime();
      original.kill();
      byte[] notice = link.receive();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
      assertTrue(millis < 1000, "NTLS link ended " + millis + " ms after the HTL link dropped");
      assertTrue(new String(notice, java.nio.charset.StandardCharsets.ISO_8859_1)
          .contains("HTL link down"));
      System.out.println("HTL link loss -> NTLS closing notice in " + millis + " ms");
    } finally {
      link.close();
    }
    assertTrue(expect(0, host.stcsh("htl", "show")).out().contains("VM_Client           Grace Period"));
  }

  /** A clone races the original (exactly one stays synchronized); a used token is refused. */
  private void cloneRaceAndUsedToken(NtlsHost host, Path usedToken) throws Exception {
    // The clone: the home copied at rest, both instances started within the grace period.
    Path clone = dir.resolve("clone");
    copyTree(host.clientHome(), clone);
    try (HtlAgentProcess a = new HtlAgentProcess(host, host.clientHome(), SERVER, host.htlPort());
        HtlAgentProcess b = new HtlAgentProcess(host, clone, SERVER, host.htlPort())) {
      HtlAgentProcess.firstToSee("refused by the host", a, b);
      HtlAgentProcess loser = a.saw("refused by the host") ? a : b;
      HtlAgentProcess winner = loser == a ? b : a;
      assertTrue(loser.saw("stale"), a.output() + "\n--\n" + b.output());
      assertFalse(winner.saw("refused by the host"), winner.output());
      Path winnerHome = winner == a ? host.clientHome() : clone;
      Path loserHome = winner == a ? clone : host.clientHome();
      assertTrue(expect(0, host.vtlAt(winnerHome, "verify")).out().contains("par1"));
      String flagged = expect(0, host.stcsh("htl", "show", "-client", "VM_Client")).out();
      assertTrue(flagged.contains("VM_Client           Up") && flagged.contains("Clone suspected"),
          flagged);
      assertFalse(Files.exists(loserHome.resolve("htl/127.0.0.1.secret")), "loser forgot it");
      winner.kill();
      assertNotEquals(0, host.vtlAt(loserHome, "verify").exit(), "the clone cannot use NTLS");
    }
    String audit = Files.readString(host.hostHome().resolve("audit.log"));
    assertTrue(audit.contains("HTL refused client VM_Client") && audit.contains("stale"), audit);

    // The token used twice: refused, audited, flagged.
    Path again = dir.resolve("again");
    copyTree(host.clientHome(), again);
    Files.deleteIfExists(again.resolve("htl/127.0.0.1.secret"));
    Files.copy(usedToken, again.resolve("htl/127.0.0.1.ott"));
    try (HtlAgentProcess reuse = new HtlAgentProcess(host, again, SERVER, host.htlPort())) {
      assertTrue(reuse.await("one-time token already used"), reuse.output());
    }
    String tokenLine = Files.readAllLines(usedToken).get(3).substring("token ".length());
    assertFalse(Files.readString(host.hostHome().resolve("audit.log")).contains(tokenLine),
        "no token in the audit");
    assertTrue(Files.readString(host.hostHome().resolve("audit.log"))
        .contains("one-time token already used"));
  }

  /**
   * A fresh token with the shortest expiry (10 s), damaged copies of it refused by the agent
   * before sending, then (once the host shows it Expired) the token itself refused.
   */
  private void damagedAndExpiredTokens(NtlsHost host) throws Exception {
    host.session("htl set defaultottexpiry -seconds 10",
        "htl generateott -client VM_Client -password-file " + host.soPasswordFile());
    Path ott = host.clientHome().resolve("htl/127.0.0.1.ott");
    String text = Files.readString(host.hostHome().resolve("VM_Client.ott"));
    Files.writeString(ott, text.replaceFirst("expires (\\d)", "expires 9"));
    try (HtlAgentProcess agent = new HtlAgentProcess(host, host.clientHome(), SERVER,
        host.htlPort())) {
      assertTrue(agent.await("MAC mismatch) (not sent)"), agent.output());
    }
    assertTrue(Files.exists(host.clientHome().resolve("htl/127.0.0.1.ott.refused")));

    Files.writeString(host.clientHome().resolve("htl/127.0.0.1.ott"), text.substring(0, 40));
    try (HtlAgentProcess agent = new HtlAgentProcess(host, host.clientHome(), SERVER,
        host.htlPort())) {
      assertTrue(agent.await("truncated"), agent.output());
    }

    NtlsHost.Result bad = host.stcsh("htl", "set", "graceperiod", "-seconds", "4000");
    assertTrue(bad.exit() != 0 && bad.out().contains("0..3600") && !bad.out().contains("\tat "),
        bad.out());
    NtlsHost.Result noHtl = host.stcsh("htl", "generateott", "-client", "ghost",
        "-password-file", host.soPasswordFile());
    assertTrue(noHtl.exit() != 0 && noHtl.out().contains("does not require HTL"), noHtl.out());
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String shown = "";
    while (!shown.contains("Expired") && System.nanoTime() < end) {
      shown = expect(0, host.stcsh("htl", "show", "-client", "VM_Client")).out();
    }
    assertTrue(shown.contains("VM_Client           Down           Expired        10 (default)"),
        shown);
    Files.copy(host.hostHome().resolve("VM_Client.ott"),
        host.clientHome().resolve("htl/127.0.0.1.ott"));
    try (HtlAgentProcess agent = new HtlAgentProcess(host, host.clientHome(), SERVER,
        host.htlPort())) {
      assertTrue(agent.await("one-time token expired"), agent.output());
    }
    expect(0, host.stcsh("htl", "clearott", "-client", "VM_Client"));
    assertFalse(Files.exists(host.hostHome().resolve("VM_Client.ott")));
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().endsWith(".status")) {
          Files.copy(p, target);
        }
      }
    }
  }
}
