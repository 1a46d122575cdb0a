package org.openstc.token;

import static org.openstc.token.TokenException.Reason.IDENTITY_EXISTS;
import static org.openstc.token.TokenException.Reason.IO_ERROR;
import static org.openstc.token.TokenException.Reason.KEY_TYPE_MISMATCH;
import static org.openstc.token.TokenException.Reason.NO_IDENTITY;
import static org.openstc.token.TokenException.Reason.PARTITION_CONFLICT;
import static org.openstc.token.TokenException.Reason.PARTITION_NOT_FOUND;

import com.google.crypto.tink.Aead;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openstc.store.Tx;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.stc.KeyType;
import org.openstc.stc.StaticKeyAgreement;

/**
 * The client soft token under {@code $STC_HOME/token/}: one client identity key pair (the private
 * key encrypted at rest) and the registered partition identities. Each method is one LMDB
 * transaction. Create with {@link TokenHome#init}, open with {@link #open}; close to destroy any
 * unlocked key.
 */
public final class Token implements AutoCloseable {
  private final TokenHome files;
  private final HomeLock lock;
  private final TokenDb db;
  private final TokenStore store;
  private final List<TokenKey> unlocked = new ArrayList<>();
  private boolean closed;

  Token(TokenHome files, HomeLock lock, TokenDb db) {
    this.files = files;
    this.lock = lock;
    this.db = db;
    this.store = new TokenStore(db);
  }

  /** Opens the token in {@code home}; {@code NOT_INITIALIZED} if there is none. */
  public static Token open(Path home) throws TokenException {
    return TokenHome.of(home).open();
  }

  public Path home() {
    return files.home();
  }

  public TokenInfo info() throws TokenException {
    TokenStore.Meta m = read("read the token", store::meta);
    return new TokenInfo(m.label(), m.serial(), m.created(), m.kdf() != null, m.failures(),
        TokenStore.SCHEMA_VERSION);
  }

  /** Whether unlocking needs a passphrase. */
  public boolean passphraseProtected() throws TokenException {
    return info().passphraseProtected();
  }

  public Optional<ClientIdentity> clientIdentity() throws TokenException {
    return read("read the identity", txn -> store.identity(txn).map(Token::client));
  }

  /**
   * Generates the client identity key pair, stores it (private key encrypted) and writes the
   * public identity file to {@code client_identities/<label>.stcid}.
   */
  public ClientIdentity createIdentity(String label, KeyType type, char[] passphrase)
      throws TokenException {
    TokenChecks.requireLabel(label);
    Aead dek = dataKey(passphrase);
    ClientIdentity created = write("create the identity", txn -> {
      if (store.identity(txn).isPresent()) {
        throw new TokenException(IDENTITY_EXISTS, "the token already has a client identity "
            + "(delete it first with stc identitydelete)");
      }
      byte[] raw = PrivateKeys.generate(type, CryptoProviders.jca().random());
      try {
        ClientIdentity id = new ClientIdentity(label, TokenChecks.publicOf(type, raw), Instant.now());
        store.putIdentity(txn, id, TokenKeys.seal(dek, raw, id.identity()));
        return id;
      } finally {
        SecretBytes.wipe(raw);
      }
    });
    exportPublic(created, files.clientIdentitiesDir());
    return created;
  }

  /** Writes the public client identity file into {@code dir} ({@code <label>.stcid}). */
  public Path exportPublic(ClientIdentity id, Path dir) throws TokenException {
    try {
      return IdentityFile.client(id.label(), id.identity()).writeTo(dir);
    } catch (IOException | IdentityFileException e) {
      throw new TokenException(IO_ERROR, "cannot write the client identity file: " + e.getMessage(), e);
    }
  }

  /**
   * Deletes every registered partition identity and then the client identity, in one transaction;
   * returns the partitions that were deregistered.
   */
  public List<RegisteredPartition> deleteIdentity() throws TokenException {
    List<RegisteredPartition> removed = new ArrayList<>();
    ClientIdentity id = write("delete the identity", txn -> {
      ClientIdentity existing = store.identity(txn).map(Token::client).orElseThrow(Token::noIdentity);
      removed.addAll(store.partitions(txn));
      store.deleteIdentity(txn);
      return existing;
    });
    for (RegisteredPartition p : removed) {
      files.deleteQuietly(files.partitionIdentitiesDir().resolve(p.serial() + ".pid"));
    }
    files.deleteQuietly(files.clientIdentitiesDir().resolve(id.label() + ".stcid"));
    return removed;
  }

  /**
   * Decrypts the client identity private key for use in handshakes. The key stays usable until
   * this token is closed, which destroys it.
   */
  public StaticKeyAgreement identity(char[] passphrase) throws TokenException {
    ClientIdentity id = clientIdentity().orElseThrow(Token::noIdentity);
    Aead dek = dataKey(passphrase);
    byte[] sealed = read("read the private key", store::encryptedPrivateKey);
    TokenKey key = new TokenKey(id.identity(), TokenKeys.open(dek, sealed, id.identity()));
    synchronized (unlocked) {
      unlocked.add(key);
    }
    return key;
  }

  public List<RegisteredPartition> partitions() throws TokenException {
    return read("list the partitions", store::partitions);
  }

  public Optional<RegisteredPartition> partition(long serial) throws TokenException {
    return read("read the partition", txn -> store.partition(txn, serial));
  }

  /**
   * Registers a partition identity. Refuses, changing nothing, when {@code expectedHash} is given
   * and differs, when the key type is not the client identity's, or when the serial is registered
   * with another key. Re-registering the same key updates the label. Copies the file to
   * {@code partition_identities/<serial>.pid}.
   */
  public RegisteredPartition registerPartition(IdentityFile pid, String label, String expectedHash)
      throws TokenException {
    String useLabel = label != null ? label : pid.label();
    TokenChecks.requireLabel(useLabel);
    TokenChecks.checkPartitionFile(pid, expectedHash);
    RegisteredPartition p = new RegisteredPartition(pid.serial(), useLabel, pid.identity(), Instant.now());
    write("register the partition", txn -> {
      checkRegistration(txn, p);
      store.putPartition(txn, p);
      return null;
    });
    files.copyPartitionFile(pid);
    return p;
  }

  /** Same key type as the client identity; a registered serial only with the same key. */
  private void checkRegistration(Tx txn, RegisteredPartition p) throws TokenException {
    ClientIdentity id = store.identity(txn).map(Token::client).orElseThrow(Token::noIdentity);
    if (id.keyType() != p.keyType()) {
      throw new TokenException(KEY_TYPE_MISMATCH, "partition " + p.serial() + " has a "
          + p.keyType().label() + " key but the client identity is " + id.keyType().label());
    }
    Optional<RegisteredPartition> old = store.partition(txn, p.serial());
    if (old.isPresent() && !old.get().identity().equals(p.identity())) {
      throw new TokenException(PARTITION_CONFLICT, "partition " + p.serial()
          + " is already registered with another key (fingerprint " + old.get().fingerprint()
          + "); deregister it first");
    }
  }

  /** Removes a registered partition identity; {@code PARTITION_NOT_FOUND} if there is none. */
  public RegisteredPartition deregisterPartition(long serial) throws TokenException {
    RegisteredPartition removed = write("deregister the partition", txn -> {
      RegisteredPartition p = store.partition(txn, serial).orElseThrow(() -> new TokenException(
          PARTITION_NOT_FOUND, "no partition with serial " + serial + " is registered"));
      store.deletePartition(txn, serial);
      return p;
    });
    files.deleteQuietly(files.partitionIdentitiesDir().resolve(serial + ".pid"));
    return removed;
  }

  private <R> R read(String what, TokenDb.Work<R> work) throws TokenException {
    checkOpen();
    return db.read(what, work);
  }

  private <R> R write(String what, TokenDb.Work<R> work) throws TokenException {
    checkOpen();
    return db.write(what, work);
  }

  private Aead dataKey(char[] passphrase) throws TokenException {
    checkOpen();
    return TokenKeys.dataKey(db, store, files.tokenDir(), passphrase);
  }

  private void checkOpen() {
    synchronized (unlocked) {
      if (closed) {
        throw new IllegalStateException("the token has been closed");
      }
    }
  }

  private static ClientIdentity client(Records.IdentityFields f) {
    return new ClientIdentity(f.label(), f.identity(), f.time());
  }

  private static TokenException noIdentity() {
    return new TokenException(NO_IDENTITY, "the token has no client identity (run stc identitycreate)");
  }

  /** Destroys every key unlocked from this token and closes the store. */
  @Override
  public void close() {
    synchronized (unlocked) {
      unlocked.forEach(TokenKey::destroy);
      unlocked.clear();
      if (closed) {
        return;
      }
      closed = true;
    }
    db.close();
    lock.close();
  }

  /** Test seam: the clear private key, so tests can scan files for it. Never call elsewhere. */
  byte[] insecurePrivateKeyForTests(char[] passphrase) throws TokenException {
    ClientIdentity id = clientIdentity().orElseThrow(Token::noIdentity);
    Aead dek = dataKey(passphrase);
    try {
      return dek.decrypt(read("read", store::encryptedPrivateKey), TokenKeys.ad(id.identity()));
    } catch (GeneralSecurityException e) {
      throw new TokenException(TokenException.Reason.CORRUPT, "cannot decrypt", e);
    }
  }
}
