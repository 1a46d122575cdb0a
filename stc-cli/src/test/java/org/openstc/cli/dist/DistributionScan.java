package org.openstc.cli.dist;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a {@code .tar.gz} distribution and lists where any of a set of names occurs inside its
 * jars: in an entry's name or anywhere in its bytes (class names, string constants and resources
 * are stored as plain UTF-8 in class files and jars). A minimal ustar reader: the JDK has none.
 */
final class DistributionScan {
  private static final int BLOCK = 512;

  private DistributionScan() {}

  /** "jar!entry: name" for every occurrence of a name in a jar of the archive. */
  static List<String> findInJars(InputStream tarGz, List<String> names) throws IOException {
    List<String> hits = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(tarGz)) {
      byte[] header = new byte[BLOCK];
      while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
        String path = cString(header, 345, 155).isEmpty() ? cString(header, 0, 100)
            : cString(header, 345, 155) + "/" + cString(header, 0, 100);
        long size = Long.parseLong(cString(header, 124, 12).trim(), 8);
        byte[] body = in.readNBytes((int) size);
        in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
        if (header[156] == '0' || header[156] == 0) {
          if (path.endsWith(".jar")) {
            scanJar(path, body, names, hits);
          }
        }
      }
    }
    return hits;
  }

  private static void scanJar(String jar, byte[] bytes, List<String> names, List<String> hits)
      throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String content = new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1);
        for (String name : names) {
          if (e.getName().contains(name.replace('.', '/')) || e.getName().contains(name)
              || content.contains(name)) {
            hits.add(jar + "!" + e.getName() + ": " + name);
          }
        }
      }
    }
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.US_ASCII);
  }
}
