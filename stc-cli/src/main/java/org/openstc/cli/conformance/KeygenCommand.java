package org.openstc.cli.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openstc.conformance.keys.TestKeyFile;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stc-conformance keygen}: a test client identity for conformance runs. Writes
 * {@code <label>.testkey} (the private key in clear, owner-only; the suite's {@code -client}) and
 * {@code <label>.stcid} (the public identity file an operator registers on the partition).
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Create a conformance test client key and its public identity file.")
final class KeygenCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "-keytype", defaultValue = "x25519", description = "x25519, p256 or p521")
  String keyType;
  @Option(names = "-label", defaultValue = "conformance", description = "identity label")
  String label;
  @Option(names = "-out", defaultValue = ".", description = "directory for the two files")
  Path out;

  @Override
  public Integer call() throws Exception {
    CryptoProvider provider = CryptoProviders.jca();
    TestKeyFile key = TestKeyFile.generate(label, KeyType.fromLabel(keyType), provider);
    Files.createDirectories(out);
    Path keyFile = out.resolve(label + TestKeyFile.EXTENSION);
    if (Files.exists(keyFile)) {
      throw new IllegalStateException(keyFile + " already exists");
    }
    key.write(keyFile);
    IdentityFile id = key.identityFile(provider);
    Path idFile = id.writeTo(out);
    var w = spec.commandLine().getOut();
    w.println("test key:      " + keyFile + "  (UNPROTECTED private key: test identities only)");
    w.println("identity file: " + idFile);
    w.println("fingerprint:   " + id.fingerprint());
    w.flush();
    return 0;
  }
}
