package org.openstc.command;

import org.openstc.command.ObjectBodies.Generate;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.ObjectBodies.Operation;

/**
 * Request builders for the client side, one per command. The caller chooses the request ids (the
 * partition echoes them) and wipes the PIN arrays it passed once the request is built. A request
 * that carries PINs holds the only copy of its body; {@link CommandRequest#wipeIfPin} clears it
 * and its encoding once sent.
 */
public final class Requests {
  private static final byte[] EMPTY = new byte[0];

  private Requests() {}

  public static CommandRequest echo(long id, byte[] data) {
    return CommandRequest.of(id, Opcode.ECHO, data);
  }

  public static CommandRequest random(long id, int length) {
    return CommandRequest.of(id, Opcode.RANDOM, ObjectBodies.encodeU32(length));
  }

  public static CommandRequest partitionInfo(long id) {
    return CommandRequest.of(id, Opcode.PARTITION_INFO, EMPTY);
  }

  public static CommandRequest partitionInit(long id, String label, byte[] soPin) {
    return CommandRequest.owning(id, Opcode.PARTITION_INIT, PinBody.encodeInit(label, soPin));
  }

  public static CommandRequest login(long id, Role role, byte[] pin) {
    return CommandRequest.owning(id, Opcode.LOGIN, PinBody.encodeRolePin(role, pin));
  }

  public static CommandRequest logout(long id) {
    return CommandRequest.of(id, Opcode.LOGOUT, EMPTY);
  }

  public static CommandRequest changePin(long id, byte[] oldPin, byte[] newPin) {
    return CommandRequest.owning(id, Opcode.CHANGE_PIN, PinBody.encodeChange(oldPin, newPin));
  }

  public static CommandRequest initPin(long id, Role role, byte[] pin) {
    return CommandRequest.owning(id, Opcode.INIT_PIN, PinBody.encodeRolePin(role, pin));
  }

  public static CommandRequest clientRegister(long id, ClientBodies.Register registration) {
    return CommandRequest.of(id, Opcode.CLIENT_REGISTER, registration.encode());
  }

  /** CLIENT_REGISTER_HTL: the answer body is the token file; the caller wipes it. */
  public static CommandRequest clientRegisterHtl(long id, ClientBodies.RegisterHtl registration) {
    return CommandRequest.of(id, Opcode.CLIENT_REGISTER_HTL, registration.encode());
  }

  public static CommandRequest clientDeregister(long id, String label) {
    return CommandRequest.of(id, Opcode.CLIENT_DEREGISTER, ClientBodies.encodeLabel(label));
  }

  /** The calling client's own deregistration (stccm stc identitydelete). */
  public static CommandRequest clientDeregisterSelf(long id) {
    return CommandRequest.of(id, Opcode.CLIENT_DEREGISTER_SELF, new byte[0]);
  }

  /** The first page of registered clients. */
  public static CommandRequest clientList(long id) {
    return clientList(id, 0);
  }

  /** The page of registered clients that starts at index {@code start}. */
  public static CommandRequest clientList(long id, long start) {
    return CommandRequest.of(id, Opcode.CLIENT_LIST, Page.encodeStart(start));
  }

  public static CommandRequest partitionIdExport(long id) {
    return CommandRequest.of(id, Opcode.PARTITION_ID_EXPORT, EMPTY);
  }

  public static CommandRequest settingsShow(long id) {
    return CommandRequest.of(id, Opcode.STC_SETTINGS_SHOW, EMPTY);
  }

  public static CommandRequest settingSet(long id, StcSettings.Setting setting, long value) {
    return CommandRequest.of(id, Opcode.STC_SETTING_SET, new StcSettings.Change(setting, value).encode());
  }

  public static CommandRequest generate(long id, ObjectType type, String label) {
    return CommandRequest.of(id, Opcode.OBJECT_GENERATE, new Generate(type, label).encode());
  }

  /** The first page of key objects. */
  public static CommandRequest listObjects(long id) {
    return listObjects(id, 0);
  }

  /** The page of key objects that starts at index {@code start}. */
  public static CommandRequest listObjects(long id, long start) {
    return CommandRequest.of(id, Opcode.OBJECT_LIST, Page.encodeStart(start));
  }

  public static CommandRequest destroy(long id, long handle) {
    return CommandRequest.of(id, Opcode.OBJECT_DESTROY, ObjectBodies.encodeU32(handle));
  }

  public static CommandRequest publicKey(long id, long handle) {
    return CommandRequest.of(id, Opcode.PUBLIC_KEY, ObjectBodies.encodeU32(handle));
  }

  /** Sets the partition's cloning domain; the request owns (and wipes) its copy of the secret. */
  public static CommandRequest cloningDomainSet(long id, byte[] secret) {
    return CommandRequest.owning(id, Opcode.CLONING_DOMAIN_SET, secret.clone());
  }

  public static CommandRequest objectExport(long id, long handle) {
    return CommandRequest.of(id, Opcode.OBJECT_EXPORT, ObjectBodies.encodeU32(handle));
  }

  public static CommandRequest objectImportWrapped(long id, byte[] wrapped) {
    return CommandRequest.of(id, Opcode.OBJECT_IMPORT_WRAPPED, wrapped);
  }

  public static CommandRequest encrypt(long id, long handle, byte[] plaintext, byte[] aad) {
    return CommandRequest.of(id, Opcode.ENCRYPT, new Operation(handle, plaintext, aad).encode());
  }

  public static CommandRequest decrypt(long id, long handle, byte[] ciphertext, byte[] aad) {
    return CommandRequest.of(id, Opcode.DECRYPT, new Operation(handle, ciphertext, aad).encode());
  }

  public static CommandRequest sign(long id, long handle, byte[] data) {
    return CommandRequest.of(id, Opcode.SIGN, new Operation(handle, data, EMPTY).encode());
  }

  public static CommandRequest verify(long id, long handle, byte[] data, byte[] signature) {
    return CommandRequest.of(id, Opcode.VERIFY, new Operation(handle, data, signature).encode());
  }

  public static CommandRequest objectInfo(long id, long handle) {
    return CommandRequest.of(id, Opcode.OBJECT_INFO, ObjectBodies.encodeU32(handle));
  }

  public static CommandRequest objectValue(long id, long handle) {
    return CommandRequest.of(id, Opcode.OBJECT_VALUE, ObjectBodies.encodeU32(handle));
  }

  public static CommandRequest encryptGcm(long id, CryptoBodies.Gcm gcm) {
    return CommandRequest.of(id, Opcode.ENCRYPT_GCM, gcm.encode());
  }

  public static CommandRequest decryptGcm(long id, CryptoBodies.Gcm gcm) {
    return CommandRequest.of(id, Opcode.DECRYPT_GCM, gcm.encode());
  }

  public static CommandRequest signDigest(long id, long handle, byte[] digest) {
    return CommandRequest.of(id, Opcode.SIGN_DIGEST, new CryptoBodies.Digest(handle, digest).encode());
  }

  /** Imports a raw AES-256 key; the request owns the only copy of its body (wiped once sent). */
  public static CommandRequest importAesKey(long id, String label, byte[] key) {
    return CommandRequest.owning(id, Opcode.OBJECT_IMPORT,
        new CryptoBodies.NewObject(ObjectType.AES256, label, key).encode());
  }

  public static CommandRequest createObject(long id, ObjectType type, String label, byte[] value) {
    return CommandRequest.of(id, Opcode.OBJECT_CREATE, new CryptoBodies.NewObject(type, label, value).encode());
  }
}
