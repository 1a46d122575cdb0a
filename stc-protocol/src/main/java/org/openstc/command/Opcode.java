package org.openstc.command;

/**
 * The command opcodes (u16) and the role each needs (docs/protocol.md, Part 2, "Commands"). Codes
 * never change meaning; new commands get new codes.
 */
public enum Opcode {
  ECHO(0x0001, Access.ANYONE),
  RANDOM(0x0002, Access.ANYONE),
  PARTITION_INFO(0x0010, Access.ANYONE),
  PARTITION_INIT(0x0011, Access.INIT),
  LOGIN(0x0020, Access.INITIALIZED),
  LOGOUT(0x0021, Access.INITIALIZED),
  CHANGE_PIN(0x0022, Access.LOGGED_IN),
  INIT_PIN(0x0023, Access.PO),
  CLIENT_REGISTER(0x0030, Access.PO),
  CLIENT_DEREGISTER(0x0031, Access.PO),
  CLIENT_LIST(0x0032, Access.PO),
  PARTITION_ID_EXPORT(0x0033, Access.PO),
  STC_SETTINGS_SHOW(0x0034, Access.PO),
  STC_SETTING_SET(0x0035, Access.PO),
  CLIENT_DEREGISTER_SELF(0x0036, Access.ANYONE),
  CLONING_DOMAIN_SET(0x0037, Access.PO),
  OBJECT_GENERATE(0x0040, Access.CO),
  OBJECT_LIST(0x0041, Access.USER),
  OBJECT_DESTROY(0x0042, Access.CO),
  ENCRYPT(0x0043, Access.USER),
  DECRYPT(0x0044, Access.USER),
  SIGN(0x0045, Access.USER),
  VERIFY(0x0046, Access.USER),
  PUBLIC_KEY(0x0047, Access.USER),
  OBJECT_INFO(0x0048, Access.USER),
  ENCRYPT_GCM(0x0049, Access.USER),
  DECRYPT_GCM(0x004A, Access.USER),
  SIGN_DIGEST(0x004B, Access.USER),
  OBJECT_IMPORT(0x004C, Access.CO),
  OBJECT_CREATE(0x004D, Access.CO),
  OBJECT_VALUE(0x004E, Access.USER),
  OBJECT_EXPORT(0x004F, Access.CO),
  OBJECT_IMPORT_WRAPPED(0x0050, Access.CO),
  /** HTL for an STC registration (docs/protocol.md section 42): the body is an HTL PROVE. */
  HTL_PROVE(0x0060, Access.ANYONE),
  /** The HTL CONFIRM that follows an accepted HTL_PROVE on the same channel. */
  HTL_CONFIRM(0x0061, Access.ANYONE),
  /** CLIENT_REGISTER of a registration that requires HTL, with its first token (section 42). */
  CLIENT_REGISTER_HTL(0x0062, Access.PO);

  /** Who may run a command. */
  public enum Access {
    /** Any registered client on an open channel, initialized partition or not. */
    ANYONE,
    /** An uninitialized partition: anyone; an initialized one: the Partition SO (re-init). */
    INIT,
    /** Anyone, once the partition is initialized. */
    INITIALIZED,
    /** Whoever is logged in (changes their own PIN). */
    LOGGED_IN,
    /** The Partition SO. */
    PO,
    /** The Crypto Officer. */
    CO,
    /** The Crypto Officer or the Crypto User. */
    USER
  }

  /** {@link #values()} once: {@link #fromCode} runs for every command and must not copy it. */
  private static final Opcode[] ALL = values();
  private final int code;
  private final Access access;

  Opcode(int code, Access access) {
    this.code = code;
    this.access = access;
  }

  public int code() {
    return code;
  }

  public Access access() {
    return access;
  }

  /** The opcode for a wire value, or {@code null} if unknown. */
  public static Opcode fromCode(int code) {
    for (Opcode o : ALL) {
      if (o.code == code) {
        return o;
      }
    }
    return null;
  }
}
