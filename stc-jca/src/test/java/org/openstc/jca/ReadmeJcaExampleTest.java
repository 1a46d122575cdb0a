package org.openstc.jca;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's JCA example, run as written against a real partition host. */
class ReadmeJcaExampleTest {
  private static final String MARK = "Through the JCA instead";

  @TempDir Path dir;

  @Test
  void readmeExampleRuns() throws Exception {
    try (TestPartition partition = TestPartition.start(dir)) {
      Path home = partition.clientHome;
      char[] coPin = TestPartition.CO_PIN.toCharArray();
      byte[] message = "for the README".getBytes();
      KeyPair kept;
      byte[] sig;
      // ---- README ----
      Provider openstc = new OpenStcProvider("home=" + home + ";slot=0");
      Security.addProvider(openstc);
      KeyStore keyStore = KeyStore.getInstance("OpenSTC");
      keyStore.load(null, coPin);                     // logs the Crypto Officer in
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", openstc);
      generator.initialize(new StcKeyGenSpec("web")); // label = KeyStore alias
      KeyPair pair = generator.generateKeyPair();     // the private key stays in the partition
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(pair.getPrivate());
      signer.update(message);
      byte[] signature = signer.sign();               // verifies with pair.getPublic() anywhere
      // ---- end ----
      kept = pair;
      sig = signature;
      try {
        Signature v = Signature.getInstance("SHA256withECDSA", "SunEC");
        v.initVerify(kept.getPublic());
        v.update(message);
        assertTrue(v.verify(sig));
        assertTrue(keyStore.isKeyEntry("web"));
      } finally {
        Security.removeProvider("OpenSTC");
        ((OpenStcProvider) openstc).close();
      }
    }
  }

  @Test
  void readmeShowsTheseLines() throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", ".."));
    String readme = Files.readString(root.resolve("README.md"));
    Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(readme.indexOf(MARK)));
    assertTrue(m.find(), "README has the JCA example");
    String source = Files.readString(root.resolve("stc-jca/src/test/java/org/openstc/jca/ReadmeJcaExampleTest.java"));
    String test = source.substring(source.indexOf("// ---- README ----"), source.indexOf("// ---- end ----"));
    for (String line : m.group(1).split("\\n")) {
      assertTrue(test.contains(line.strip()), "README line not run by this test: " + line);
    }
  }
}
