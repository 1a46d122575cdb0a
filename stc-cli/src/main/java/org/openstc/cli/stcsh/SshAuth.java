package org.openstc.cli.stcsh;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.openstc.partition.store.Account;
import org.openstc.partition.store.AuditLog;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;

/**
 * SSH logins with the host's administrator accounts: the account's password (each wrong one
 * counts toward the accounts' lockout, {@link org.openstc.partition.store.Accounts#MAX_FAILURES})
 * or one of its public keys ({@code user publickey add}; a locked account is refused either way).
 * A host in single-admin mode (no account) has nobody to log in as. Every refusal, and the login
 * once the session is authenticated (a public key's signature checked), are audited
 * ({@code ssh login}) with the client's address.
 */
final class SshAuth implements PasswordAuthenticator, PublickeyAuthenticator, SessionListener {
  /** How the session's accepted login was made, audited once it is authenticated. */
  private static final AttributeKey<String> METHOD = new AttributeKey<>();
  private final HostStore store;

  SshAuth(HostStore store) {
    this.store = store;
  }

  @Override
  public boolean authenticate(String user, String password, ServerSession session) {
    byte[] secret = password.getBytes(StandardCharsets.UTF_8);
    try {
      if (!known(user, session, "password")) {
        return false;
      }
      store.accounts().login(user, secret);
      succeeded(user, session, "password");
      return true;
    } catch (StoreException e) {
      audit(user, session, "refused (password): " + e.getMessage());
      return false;
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  @Override
  public boolean authenticate(String user, PublicKey key, ServerSession session) {
    try {
      if (!known(user, session, "publickey")) {
        return false;
      }
      Optional<Account> a = store.accounts().find(user);
      if (a.get().locked()) {
        audit(user, session, "refused (publickey): the account is locked");
        return false;
      }
      for (String line : store.accountKeys().list(user)) {
        if (matches(line, key)) {
          succeeded(user, session, "publickey " + SshKeys.fingerprint(key));
          return true;
        }
      }
      audit(user, session, "refused (publickey): unknown key " + SshKeys.fingerprint(key));
      return false;
    } catch (StoreException e) {
      audit(user, session, "refused (publickey): " + e.getMessage());
      return false;
    }
  }

  /** Whether {@code user} is an account of this host; audits why not. */
  private boolean known(String user, ServerSession session, String how) throws StoreException {
    if (store.accounts().singleAdminMode()) {
      audit(user, session, "refused (" + how + "): this host has no administrator accounts"
          + " (add one with user add before using SSH)");
      return false;
    }
    if (store.accounts().find(user).isEmpty()) {
      audit(user, session, "refused (" + how + "): no such account");
      return false;
    }
    return true;
  }

  private static boolean matches(String line, PublicKey key) {
    try {
      return KeyUtils.compareKeys(SshKeys.parse(line), key);
    } catch (IllegalArgumentException e) {
      return false; // a line that no longer parses logs nobody in
    }
  }

  private static void succeeded(String user, ServerSession session, String how) {
    session.setAttribute(METHOD, how);
  }

  @Override
  public void sessionEvent(Session session, Event event) {
    if (event == Event.Authenticated) {
      audit(session.getUsername(), session, "success (" + session.getAttribute(METHOD) + ")");
    }
  }

  private void audit(String user, Session session, String result) {
    try {
      AuditLog.append(store.home(), user, "ssh login from " + session.getIoSession().getRemoteAddress(), result);
    } catch (StoreException e) {
      // the login decision stands; the audit commands report a failing log
    }
  }
}
