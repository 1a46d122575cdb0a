package org.openstc.cli.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §2: nothing in the distribution ({@code target/openstc-*-dist.tar.gz}, built in the
 * package phase) can switch a protocol check off. Every jar in it is opened; no class or resource
 * name and no constant may carry a fault-injection class name or the old system property, nor the
 * retired Argon2 cost properties (the cost is now the visible {@code -kdf-*} option).
 */
class NoFaultInjectionInDistIT {
  static final List<String> FORBIDDEN = List.of("openstc.insecure.faults", "InsecureFaults",
      "FaultInject", "openstc.insecure.vectors", "insecureFixedEphemeral",
      "openstc.insecure.argon2", "openstc.insecure.tokenKdf");

  @Test
  void noJarOfTheDistributionCarriesFaultInjection() throws IOException {
    Path dist = distribution();
    List<String> hits;
    try (InputStream in = Files.newInputStream(dist)) {
      hits = DistributionScan.findInJars(in, FORBIDDEN);
    }
    assertEquals(List.of(), hits, "fault injection shipped in " + dist);
  }

  @Test
  void theDistributionHasTheProtocolJar() throws IOException {
    List<String> hits;
    try (InputStream in = Files.newInputStream(distribution())) {
      hits = DistributionScan.findInJars(in, List.of("org/openstc/stc/PartitionChecks.class"));
    }
    assertFalse(hits.isEmpty(), "the scan saw no stc-protocol jar: it would prove nothing");
  }

  @Test
  void theScanFindsAPlantedConstant() throws IOException {
    ByteArrayOutputStream jar = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(jar)) {
      zip.putNextEntry(new ZipEntry("org/example/Plain.class"));
      zip.write("\u0001\u0000\u0017openstc.insecure.faults".getBytes(StandardCharsets.UTF_8));
    }
    byte[] tarGz = tarGz("openstc-0/lib/x.jar", jar.toByteArray());
    List<String> hits = DistributionScan.findInJars(new ByteArrayInputStream(tarGz), FORBIDDEN);
    assertEquals(List.of("openstc-0/lib/x.jar!org/example/Plain.class: openstc.insecure.faults"),
        hits);
  }

  private static Path distribution() throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("target"),
        "openstc-*-dist.tar.gz")) {
      d.forEach(found::add);
    }
    assertEquals(1, found.size(), "expected one distribution in target/: " + found);
    return found.get(0);
  }

  /** A one-file ustar archive, gzipped. */
  private static byte[] tarGz(String name, byte[] content) throws IOException {
    byte[] header = new byte[512];
    System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, header, 0, name.length());
    byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, size.length);
    header[156] = '0';
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(header);
      gz.write(content);
      gz.write(new byte[(512 - content.length % 512) % 512 + 1024]);
    }
    assertTrue(out.size() > 0);
    return out.toByteArray();
  }
}
