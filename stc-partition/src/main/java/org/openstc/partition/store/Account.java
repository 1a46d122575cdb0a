package org.openstc.partition.store;

import org.openstc.command.MalformedCommandException;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * A host administrator account as stored: name, role, and its password as a {@link RoleRecord}
 * (Argon2id salt, costs, hash, consecutive failures).
 */
public record Account(String name, AdminRole role, RoleRecord password) {
  private static final int FORMAT = 1;

  public int failures() {
    return password.failures();
  }

  public boolean locked() {
    return password.failures() >= Accounts.MAX_FAILURES;
  }

  Account withPassword(RoleRecord p) {
    return new Account(name, role, p);
  }

  byte[] encode() {
    return new WireWriter().u8(FORMAT).string(name).u8(role.code()).bytes(password.encode()).toByteArray();
  }

  static Account decode(byte[] value) throws StoreException {
    try {
      WireReader in = new WireReader(value);
      if (in.u8() != FORMAT) {
        throw new MalformedCommandException("unknown account record format");
      }
      String name = in.string(64);
      AdminRole role = AdminRole.byCode(in.u8());
      RoleRecord password = RoleRecord.decode(in.bytes(512));
      in.end();
      return new Account(name, role, password);
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("account record", e);
    }
  }
}
