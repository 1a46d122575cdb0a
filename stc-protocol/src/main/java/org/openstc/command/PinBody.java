package org.openstc.command;

import java.util.Arrays;
import java.util.Set;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * The bodies of the commands that carry PINs: {@link Opcode#PARTITION_INIT} ({@code string label ||
 * bytes soPin}), {@link Opcode#LOGIN} and {@link Opcode#INIT_PIN} ({@code u8 role || bytes pin}),
 * {@link Opcode#CHANGE_PIN} ({@code bytes oldPin || bytes newPin}). PINs are UTF-8 bytes; this
 * object owns its copies and {@link #close()} wipes them.
 */
public final class PinBody implements AutoCloseable {
  /** A PIN field may not be longer than this on the wire (the partition's own range is tighter). */
  public static final int MAX_PIN_FIELD = 256;
  public static final int MAX_LABEL = 64;

  private final Role role;
  private final String label;
  private final byte[] pin;
  private final byte[] newPin;

  private PinBody(Role role, String label, byte[] pin, byte[] newPin) {
    this.role = role;
    this.label = label;
    this.pin = pin;
    this.newPin = newPin;
  }

  /** The requests whose body carries PINs. */
  public static final Set<Opcode> OPCODES =
      Set.of(Opcode.PARTITION_INIT, Opcode.LOGIN, Opcode.CHANGE_PIN, Opcode.INIT_PIN,
          Opcode.CLONING_DOMAIN_SET);

  /** The body of PARTITION_INIT; the caller owns the result and wipes it after use. */
  public static byte[] encodeInit(String label, byte[] soPin) {
    WireWriter w = new WireWriter();
    try {
      return w.string(label).bytes(soPin).toByteArray();
    } finally {
      w.wipe();
    }
  }

  /** The body of LOGIN and INIT_PIN; the caller owns the result and wipes it after use. */
  public static byte[] encodeRolePin(Role role, byte[] pin) {
    WireWriter w = new WireWriter();
    try {
      return w.u8(role.code()).bytes(pin).toByteArray();
    } finally {
      w.wipe();
    }
  }

  /** The body of CHANGE_PIN; the caller owns the result and wipes it after use. */
  public static byte[] encodeChange(byte[] oldPin, byte[] newPin) {
    WireWriter w = new WireWriter();
    try {
      return w.bytes(oldPin).bytes(newPin).toByteArray();
    } finally {
      w.wipe();
    }
  }

  public static PinBody decodeInit(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    String label = in.string(MAX_LABEL);
    return finish(in, new PinBody(Role.PO, label, in.bytes(MAX_PIN_FIELD), null));
  }

  public static PinBody decodeRolePin(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    Role role = Role.fromCode(in.u8());
    return finish(in, new PinBody(role, null, in.bytes(MAX_PIN_FIELD), null));
  }

  public static PinBody decodeChange(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    byte[] old = in.bytes(MAX_PIN_FIELD);
    try {
      return finish(in, new PinBody(null, null, old, in.bytes(MAX_PIN_FIELD)));
    } catch (MalformedCommandException e) {
      Arrays.fill(old, (byte) 0);
      throw e;
    }
  }

  private static PinBody finish(WireReader in, PinBody body) throws MalformedCommandException {
    try {
      in.end();
      return body;
    } catch (MalformedCommandException e) {
      body.close();
      throw e;
    }
  }

  /** The role named (PO for an init). */
  public Role role() {
    return role;
  }

  /** The partition label (init only). */
  public String label() {
    return label;
  }

  /** The live PIN array (not a copy); wiped by {@link #close()}. */
  public byte[] pin() {
    return pin;
  }

  /** The new PIN of a change; wiped by {@link #close()}. */
  public byte[] newPin() {
    return newPin;
  }

  @Override
  public void close() {
    Arrays.fill(pin, (byte) 0);
    if (newPin != null) {
      Arrays.fill(newPin, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "PinBody[" + role + "]";
  }
}
