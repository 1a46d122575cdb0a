package org.openstc.jca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Key;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.openstc.client.Slot;
import org.openstc.client.StcClientException;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.jca.Entries.Obj;

/**
 * KeyStore {@code OpenSTC}: the partition's objects as entries ({@link Entries}). There is no
 * keystore file: {@code load(null, pin)} logs the configured role in, {@code store} writes
 * nothing (every change is made in the partition at once). Key passwords are ignored.
 */
final class StcKeyStore extends KeyStoreSpi {
  private final SlotSession session;
  private final Entries entries = new Entries();

  StcKeyStore(OpenStcProvider provider) {
    this.session = provider.session();
  }

  @Override
  public void engineLoad(InputStream stream, char[] password) throws IOException {
    if (stream != null) {
      throw new IOException("the OpenSTC KeyStore has no file: load it with a null stream (keytool -keystore NONE)");
    }
    try {
      if (password != null) {
        session.login(password);
      } else {
        session.ensureLogin();
      }
    } catch (StcClientException e) {
      CkResult r = SlotSession.result(e);
      if (r == CkResult.CKR_PIN_INCORRECT || r == CkResult.CKR_PIN_LOCKED || r == CkResult.CKR_PIN_LEN_RANGE) {
        throw new IOException("OpenSTC login refused: " + e.getMessage(), new UnrecoverableKeyException(e.getMessage()));
      }
      throw new IOException("OpenSTC: " + e.getMessage(), e);
    }
  }

  @Override
  public void engineLoad(java.security.KeyStore.LoadStoreParameter param) throws IOException {
    if (param != null) {
      throw new IllegalArgumentException("the OpenSTC KeyStore takes no LoadStoreParameter; use load(null, pin)");
    }
    engineLoad(null, null);
  }

  @Override
  public void engineStore(OutputStream stream, char[] password) {
    // Every entry is already in the partition.
  }

  @Override
  public Key engineGetKey(String alias, char[] password) throws UnrecoverableKeyException {
    return Entries.key(objects(), alias).map(o -> (Key) StcKey.of(session, o.handle(), o.label(), o.type()))
        .orElse(null);
  }

  @Override
  public Certificate[] engineGetCertificateChain(String alias) {
    List<Obj> objs = objects();
    if (Entries.key(objs, alias).isEmpty()) {
      return null;
    }
    List<Obj> chain = Entries.chain(objs, alias);
    return chain.isEmpty() ? null : chain.stream().map(Obj::cert).toArray(Certificate[]::new);
  }

  @Override
  public Certificate engineGetCertificate(String alias) {
    return Entries.certificate(objects(), alias).map(o -> (Certificate) o.cert()).orElse(null);
  }

  @Override
  public Date engineGetCreationDate(String alias) {
    List<Obj> objs = objects();
    Optional<Obj> o = Entries.key(objs, alias).or(() -> Entries.certificate(objs, alias));
    return o.map(x -> new Date(x.created())).orElse(null);
  }

  @Override
  public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain)
      throws KeyStoreException {
    try {
      Slot slot = session.slot();
      List<Obj> objs = objects();
      StcKey k = partitionKey(slot, alias, key);
      if (!k.label().equals(alias) && (chain == null || chain.length == 0)) {
        throw new KeyStoreException("key '" + k.label() + "' has another label than alias '" + alias
            + "'; give its certificate chain so the alias can name it");
      }
      if (chain != null && chain.length > 0) {
        byte[] spki = objs.stream().filter(o -> o.handle() == k.handle()).map(Obj::publicKey).findFirst()
            .orElseThrow(() -> new KeyStoreException("key '" + k.label() + "' is not in the partition (deleted?)"));
        if (!Arrays.equals(spki, chain[0].getPublicKey().getEncoded())) {
          throw new KeyStoreException("the first certificate of the chain is not the certificate of key '" + k.label() + "'");
        }
      }
      for (Obj o : objs) {
        if (o.type() == ObjectType.CERTIFICATE && (o.label().equals(alias) || o.label().startsWith(alias + Entries.CHAIN))) {
          slot.destroy(o.handle());
        }
      }
      for (int i = 0; chain != null && i < chain.length; i++) {
        slot.createObject(ObjectType.CERTIFICATE, i == 0 ? alias : alias + Entries.CHAIN + i, chain[i].getEncoded());
      }
    } catch (StcClientException | CertificateException e) {
      throw new KeyStoreException("OpenSTC: cannot store entry '" + alias + "': " + e.getMessage(), e);
    }
  }

  /** The key as a partition key: one of ours, or an AES key imported under {@code alias}. */
  private StcKey partitionKey(Slot slot, String alias, Key key) throws KeyStoreException, StcClientException {
    if (key instanceof StcKey k) {
      if (k.session() != session) {
        throw new KeyStoreException("the key belongs to another OpenSTC provider instance");
      }
      return k;
    }
    if (key instanceof SecretKey && "AES".equalsIgnoreCase(key.getAlgorithm()) && "RAW".equals(key.getFormat())) {
      byte[] raw = key.getEncoded();
      try {
        if (raw == null || raw.length != 32) {
          throw new KeyStoreException("only 256-bit AES keys can be imported");
        }
        return StcKey.of(session, slot.importAesKey(alias, raw), alias, ObjectType.AES256);
      } finally {
        if (raw != null) {
          Arrays.fill(raw, (byte) 0);
        }
      }
    }
    throw new KeyStoreException("OpenSTC keeps keys generated in the partition (and imports AES-256 keys); a "
        + key.getAlgorithm() + " key of another provider cannot be stored");
  }

  @Override
  public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
    throw new KeyStoreException("OpenSTC does not take protected (encoded) keys");
  }

  @Override
  public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
    List<Obj> objs = objects();
    if (Entries.key(objs, alias).isPresent()) {
      throw new KeyStoreException("alias '" + alias + "' is a key entry; use setKeyEntry to change its chain");
    }
    try {
      Slot slot = session.slot();
      for (Obj o : Entries.all(objs, alias)) {
        slot.destroy(o.handle());
      }
      slot.createObject(ObjectType.CERTIFICATE, alias, cert.getEncoded());
    } catch (StcClientException | CertificateException e) {
      throw new KeyStoreException("OpenSTC: cannot store certificate '" + alias + "': " + e.getMessage(), e);
    }
  }

  @Override
  public void engineDeleteEntry(String alias) throws KeyStoreException {
    try {
      Slot slot = session.slot();
      for (Obj o : Entries.all(objects(), alias)) {
        slot.destroy(o.handle());
      }
    } catch (StcClientException e) {
      throw new KeyStoreException("OpenSTC: cannot delete '" + alias + "': " + e.getMessage(), e);
    }
  }

  @Override
  public Enumeration<String> engineAliases() {
    return Collections.enumeration(Entries.aliases(objects()));
  }

  @Override
  public boolean engineContainsAlias(String alias) {
    return Entries.aliases(objects()).contains(alias);
  }

  @Override
  public int engineSize() {
    return Entries.aliases(objects()).size();
  }

  @Override
  public boolean engineIsKeyEntry(String alias) {
    return Entries.key(objects(), alias).isPresent();
  }

  @Override
  public boolean engineIsCertificateEntry(String alias) {
    List<Obj> objs = objects();
    return Entries.key(objs, alias).isEmpty() && Entries.certificate(objs, alias).isPresent();
  }

  @Override
  public String engineGetCertificateAlias(Certificate cert) {
    List<Obj> objs = objects();
    return Entries.aliases(objs).stream().filter(a -> Entries.certificate(objs, a)
        .map(o -> o.cert().equals(cert)).orElse(false)).findFirst().orElse(null);
  }

  private List<Obj> objects() {
    try {
      return entries.read(session.slot());
    } catch (StcClientException e) {
      throw SlotSession.unchecked("OpenSTC KeyStore", e);
    } catch (CertificateException e) {
      throw new java.security.ProviderException("a certificate object does not parse: " + e.getMessage(), e);
    }
  }
}
