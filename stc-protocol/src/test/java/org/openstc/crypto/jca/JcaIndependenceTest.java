package org.openstc.crypto.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JCA provider, and everything in stc-protocol outside {@code org.openstc.crypto.bc}, uses no
 * Bouncy Castle class, so the JCA x BC cross-provider tests compare two independent implementations.
 */
class JcaIndependenceTest {
  private static final String BC = "org/bouncycastle/";
  private static final String BC_PROVIDER_PACKAGE = "org/openstc/crypto/bc/";

  /** Constant pools name every class a class file uses; none outside the BC provider names BC. */
  @Test
  void noClassOutsideTheBcProviderReferencesBouncyCastle() throws Exception {
    Path classes = location(JcaCryptoProvider.class);
    List<String> offenders;
    int scanned;
    try (Stream<Path> files = Files.walk(classes)) {
      List<Path> all = files.filter(p -> p.toString().endsWith(".class"))
          .filter(p -> !classes.relativize(p).toString().replace('\\', '/')
              .startsWith(BC_PROVIDER_PACKAGE))
          .collect(Collectors.toList());
      scanned = all.size();
      offenders = all.stream().filter(JcaIndependenceTest::namesBouncyCastle)
          .map(p -> classes.relativize(p).toString()).collect(Collectors.toList());
    }
    assertTrue(scanned > 50, "scanned only " + scanned + " class files in " + classes);
    assertEquals(List.of(), offenders, "classes outside org.openstc.crypto.bc that use BC");
  }

  /** A class loader with stc-protocol and the JDK but no Bouncy Castle runs JCA handshakes. */
  @Test
  void jcaHandshakesRunWithoutBouncyCastleOnTheClassPath() throws Exception {
    URL[] urls = {location(JcaCryptoProvider.class).toUri().toURL(),
        location(JcaOnlyHandshake.class).toUri().toURL()};
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class,
          () -> Class.forName("org.bouncycastle.util.Arrays", false, loader));
      Class<?> probe = Class.forName(JcaOnlyHandshake.class.getName(), true, loader);
      Object suites = probe.getMethod("run").invoke(null);
      assertEquals(16, suites, "4 DH x 2 ciphers x 2 hashes");
    }
  }

  private static boolean namesBouncyCastle(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains(BC);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path location(Class<?> c) throws Exception {
    return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
