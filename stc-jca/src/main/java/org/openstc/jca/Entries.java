package org.openstc.jca;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.client.Slot;
import org.openstc.client.StcClientException;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.Info;
import org.openstc.command.ObjectBodies.ObjectType;

/**
 * The partition's objects seen as KeyStore entries. An alias is a label. A key entry is a key
 * object and the certificate objects of its alias: the certificate labelled {@code alias} and
 * its chain, labelled {@code alias.chain1}, {@code alias.chain2}, ... A key generated under
 * another label (keytool's -genkeypair path: the key exists before its alias) belongs to the
 * alias whose certificate carries its public key. A certificate with no key is a trusted
 * certificate entry. Object details are cached per handle (handles are never reused).
 */
final class Entries {
  static final String CHAIN = ".chain";

  /** One object with what the KeyStore needs of it. */
  record Obj(long handle, ObjectType type, String label, byte[] publicKey, X509Certificate cert, long created) {}

  private final Map<Long, Obj> cache = new ConcurrentHashMap<>();

  /** Reads the current objects (one OBJECT_LIST, OBJECT_INFO/OBJECT_VALUE only for new handles). */
  List<Obj> read(Slot slot) throws StcClientException, CertificateException {
    List<Obj> out = new ArrayList<>();
    Set<Long> present = new java.util.HashSet<>();
    for (ObjectBodies.Entry e : slot.objects()) {
      present.add(e.handle());
      Obj o = cache.get(e.handle());
      if (o == null) {
        o = load(slot, e);
        cache.put(e.handle(), o);
      }
      if (o != null) {
        out.add(o);
      }
    }
    cache.keySet().retainAll(present);
    return out;
  }

  private static Obj load(Slot slot, ObjectBodies.Entry e) throws StcClientException, CertificateException {
    if (e.type() == ObjectType.DATA) {
      return new Obj(e.handle(), e.type(), e.label(), new byte[0], null, 0);
    }
    Info info = slot.objectInfo(e.handle());
    if (e.type() != ObjectType.CERTIFICATE) {
      return new Obj(e.handle(), e.type(), e.label(), info.publicKeySpki(), null, info.createdMillis());
    }
    X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(slot.objectValue(e.handle())));
    return new Obj(e.handle(), e.type(), e.label(), c.getPublicKey().getEncoded(), c, info.createdMillis());
  }

  /** Every alias: certificate labels (not chain members) and the aliases of the keys. */
  static List<String> aliases(List<Obj> objs) {
    Set<String> out = new LinkedHashSet<>();
    for (Obj o : objs) {
      if (o.type() == ObjectType.CERTIFICATE && !isChainLabel(o.label())) {
        out.add(o.label());
      }
    }
    for (Obj o : objs) {
      if (o.type().isKey()) {
        out.add(owner(objs, o));
      }
    }
    return new ArrayList<>(out);
  }

  /** The key whose alias is {@code alias}. */
  static Optional<Obj> key(List<Obj> objs, String alias) {
    return objs.stream().filter(o -> o.type().isKey() && owner(objs, o).equals(alias)).findFirst();
  }

  /**
   * A key's alias: its label, unless no certificate has that label and a certificate of another
   * label, with no key of its own, carries the key's public key: then that certificate's label
   * (the earliest such certificate).
   */
  private static String owner(List<Obj> objs, Obj key) {
    if (key.publicKey().length == 0 || certificate(objs, key.label()).isPresent()) {
      return key.label();
    }
    return objs.stream().filter(c -> c.type() == ObjectType.CERTIFICATE && !isChainLabel(c.label())
            && Arrays.equals(key.publicKey(), c.publicKey())
            && objs.stream().noneMatch(k -> k.type().isKey() && k.label().equals(c.label())))
        .min(Comparator.comparingLong(Obj::handle)).map(Obj::label).orElse(key.label());
  }

  /** The certificate labelled {@code alias} (the lowest handle when there are several). */
  static Optional<Obj> certificate(List<Obj> objs, String alias) {
    return objs.stream().filter(o -> o.type() == ObjectType.CERTIFICATE && o.label().equals(alias))
        .min(Comparator.comparingLong(Obj::handle));
  }

  /** The alias's certificate followed by its chain members, in order. */
  static List<Obj> chain(List<Obj> objs, String alias) {
    List<Obj> out = new ArrayList<>();
    certificate(objs, alias).ifPresent(out::add);
    for (int i = 1; !out.isEmpty(); i++) {
      Optional<Obj> next = certificate(objs, alias + CHAIN + i);
      if (next.isEmpty()) {
        break;
      }
      out.add(next.get());
    }
    return out;
  }

  /** Every object that belongs to {@code alias}: its key and all its certificates. */
  static List<Obj> all(List<Obj> objs, String alias) {
    List<Obj> out = new ArrayList<>();
    key(objs, alias).ifPresent(out::add);
    for (Obj o : objs) {
      if (o.type() == ObjectType.CERTIFICATE && (o.label().equals(alias) || o.label().startsWith(alias + CHAIN))) {
        out.add(o);
      }
    }
    return out;
  }

  private static boolean isChainLabel(String label) {
    int i = label.lastIndexOf(CHAIN);
    return i > 0 && label.length() > i + CHAIN.length() && label.substring(i + CHAIN.length()).chars().allMatch(Character::isDigit);
  }
}
