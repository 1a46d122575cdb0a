package org.openstc.cli.stcsh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.HostStore;

/**
 * For tests of other packages: a host made by {@code hsm init} in {@code home} with an admin
 * account and partition {@code p1}, its SSH service running in this process on a free port of
 * 127.0.0.1, and local stcsh commands run as that admin.
 */
public final class InProcessSshHost implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "admin-pass-1";
  private final StcShHarness h;
  private final HostStore store;
  private SshService ssh;

  private InProcessSshHost(StcShHarness h, HostStore store, SshService ssh) {
    this.h = h;
    this.store = store;
    this.ssh = ssh;
  }

  public static InProcessSshHost start(Path home) throws Exception {
    StcShHarness h = StcShHarness.initialized(home);
    Path pw = home.resolve("test-admin.pw");
    OwnerOnlyFiles.write(pw, (ADMIN_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    if (h.run("user", "add", "-u", "admin", "-role", "admin", "-password", ADMIN_PASSWORD) != 0) {
      throw new AssertionError(h.both());
    }
    h.env.put(AdminLogin.USER_ENV, "admin");
    h.env.put(AdminLogin.PASSWORD_FILE_ENV, pw.toString());
    if (h.run("partition", "create", "-partition", "p1", "-size", "100000") != 0) {
      throw new AssertionError(h.both());
    }
    HostStore store = HostStore.open(home);
    store.unseal(SoSession.key(home).orElseThrow());
    return new InProcessSshHost(h, store, SshService.start(store, "127.0.0.1", 0, SshService.DEFAULT_IDLE));
  }

  public int sshPort() {
    return ssh.port();
  }

  /** Runs stcsh locally as admin; its standard output (stderr appended on failure). */
  public String stcsh(String... args) {
    return h.run(args) == 0 ? h.out : h.both();
  }

  /** Stops the SSH service (open sessions end); {@link #startSsh} starts it again. */
  public void stopSsh() throws IOException {
    if (ssh != null) {
      ssh.close();
      ssh = null;
    }
  }

  public void startSsh() throws Exception {
    ssh = SshService.start(store, "127.0.0.1", 0, SshService.DEFAULT_IDLE);
  }

  @Override
  public void close() throws IOException {
    try {
      stopSsh();
    } finally {
      store.close();
    }
  }
}
