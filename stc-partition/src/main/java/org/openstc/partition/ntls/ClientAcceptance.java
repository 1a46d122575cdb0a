package org.openstc.partition.ntls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.NtlsClient;
import org.openstc.partition.store.NtlsClients;
import org.openstc.partition.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may open an NTLS link: a registered client, recognized by the SHA-256 fingerprint of the
 * certificate it presents (no chain, issuer or name is used), whose certificate is within its
 * validity period, connecting, when ipcheck is on, from its registered IP, the IP mapped to it,
 * or an address its registered host name resolves to now. Each refusal is logged once with its
 * reason and the peer.
 */
final class ClientAcceptance {
  private static final Logger LOG = LoggerFactory.getLogger(ClientAcceptance.class);

  private final HostStore store;
  private final boolean ipcheck;
  private final java.util.function.Predicate<String> htlUp;
  private final HostResolver resolver;

  /** How a registered host name becomes addresses; the system resolver outside tests. */
  @FunctionalInterface
  interface HostResolver {
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String hostname) throws UnknownHostException;
  }

  /** Acceptance that does not look at HTL (the HTL service's own port). */
  ClientAcceptance(HostStore store, boolean ipcheck) {
    this(store, ipcheck, null, HostResolver.SYSTEM);
  }

  /**
   * {@code htlUp}: whether a {@code -requirehtl} client's HTL link is up (docs/protocol.md 40).
   * The resolver may block (a slow DNS): the caller runs {@link #accept} off the event loop.
   */
  ClientAcceptance(HostStore store, boolean ipcheck, java.util.function.Predicate<String> htlUp,
      HostResolver resolver) {
    this.store = store;
    this.ipcheck = ipcheck;
    this.htlUp = htlUp;
    this.resolver = resolver;
  }

  /** The client presenting {@code chain} from {@code peerIp}, or a CertificateException why not. */
  NtlsClient accept(X509Certificate[] chain, String peerIp) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw refuse(peerIp, "no client certificate");
    }
    String fingerprint = NtlsClients.fingerprint(chain[0].getEncoded());
    Optional<NtlsClient> client;
    try {
      client = store.ntls().byFingerprint(fingerprint);
    } catch (StoreException e) {
      throw refuse(peerIp, "client lookup failed: " + e.getMessage());
    }
    if (client.isEmpty()) {
      throw refuse(peerIp, "certificate " + fingerprint + " ("
          + chain[0].getSubjectX500Principal().getName() + ") is not registered");
    }
    NtlsClient c = client.get();
    try {
      chain[0].checkValidity();
    } catch (CertificateException e) {
      throw refuse(peerIp, "certificate of client " + c.name() + " is not valid now: "
          + e.getMessage());
    }
    if (ipcheck && !fromRegisteredAddress(c, peerIp)) {
      throw refuse(peerIp, "client " + c.name() + " is registered at " + c.address()
          + (c.mappedIp().isEmpty() ? "" : " (mapped to " + c.mappedIp() + ")")
          + ", not " + peerIp + " (ipcheck is on)");
    }
    if (htlUp != null && requiresHtl(c) && !htlUp.test(c.name())) {
      throw refuse(peerIp, "client " + c.name() + " requires HTL and its HTL link is not up");
    }
    return c;
  }

  private boolean requiresHtl(NtlsClient c) throws CertificateException {
    try {
      return store.htl().state(c.name()).isPresent();
    } catch (StoreException e) {
      throw new CertificateException("HTL state lookup failed: " + e.getMessage());
    }
  }

  private boolean fromRegisteredAddress(NtlsClient c, String peerIp) {
    if (peerIp.equals(c.ip()) || peerIp.equals(c.mappedIp())) {
      return true;
    }
    if (c.hostname().isEmpty()) {
      return false;
    }
    try {
      for (InetAddress a : resolver.resolve(c.hostname())) {
        if (a.getHostAddress().equals(peerIp)) {
          return true;
        }
      }
    } catch (UnknownHostException e) {
      LOG.warn("NTLS: host name {} of client {} does not resolve (map it with client hostip map)",
          c.hostname(), c.name());
    }
    return false;
  }

  private static CertificateException refuse(String peerIp, String reason) {
    LOG.warn("NTLS: refused connection from {}: {}", peerIp, reason);
    return new CertificateException(reason);
  }
}
