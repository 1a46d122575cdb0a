package org.openstc.partition.store;

import java.util.List;

/**
 * A client registered for NTLS ({@code client register -client}): where it connects from (a host
 * name or an IP, and optionally an IP mapped to it), the SHA-256 fingerprint of the certificate it
 * must present, and the serials of the partitions assigned to it.
 *
 * @param hostname the registered host name, or empty when registered by IP
 * @param ip the registered IP, or empty when registered by host name
 * @param mappedIp the IP of {@code client hostip map}, or empty
 */
public record NtlsClient(String name, String hostname, String ip, String mappedIp,
    byte[] certificate, String fingerprint, long registeredMillis, List<Long> partitions) {

  public NtlsClient {
    partitions = List.copyOf(partitions);
  }

  /** The registered address as the operator gave it: the host name, else the IP. */
  public String address() {
    return hostname.isEmpty() ? ip : hostname;
  }

  NtlsClient withPartitions(List<Long> serials) {
    return new NtlsClient(name, hostname, ip, mappedIp, certificate, fingerprint,
        registeredMillis, serials);
  }

  NtlsClient withMappedIp(String value) {
    return new NtlsClient(name, hostname, ip, value, certificate, fingerprint, registeredMillis,
        partitions);
  }
}
