package org.openstc.client;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.openstc.client.StcClientException.Kind;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.crypto.bc.internal.TlsCertificates;

/**
 * The client's NTLS side under its home ({@code $STC_HOME}): {@code ntls.json} (the client
 * certificate's name and the server list), {@code cert/client/NAME.pem} and {@code NAMEKey.pem}
 * (the key as encrypted PKCS#8 under the random passphrase in {@code cert/client/keypass}),
 * {@code cert/server/HOSTCert.pem} for each server and {@code cert/server/CAFile.pem}, the
 * concatenation of them all. Every file is owner-only.
 */
public final class NtlsConfig {
  static final String FILE = "ntls.json";
  public static final int DEFAULT_PORT = 1792;
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final Path home;
  private final Data data;

  /** A server the client links to over NTLS ({@code vtl addServer}). */
  public record Server(String name, int port, boolean htl) {}

  private static final class Data {
    int version = 1;
    String clientName;
    List<Server> servers = new ArrayList<>();
  }

  private NtlsConfig(Path home, Data data) {
    this.home = home;
    this.data = data;
  }

  public static NtlsConfig load(Path home) throws StcClientException {
    Path file = home.resolve(FILE);
    if (!Files.exists(file)) {
      return new NtlsConfig(home, new Data());
    }
    try {
      Data d = GSON.fromJson(new String(SmallFiles.read(file, SmallFiles.CONFIG_LIMIT),
          StandardCharsets.UTF_8), Data.class);
      if (d == null || d.version != 1 || d.servers == null) {
        throw new JsonParseException("unknown format");
      }
      return new NtlsConfig(home, d);
    } catch (IOException | JsonParseException e) {
      throw new StcClientException(Kind.CONFIG, "cannot read " + file + ": " + e.getMessage(),
          "fix or remove the file", e);
    }
  }

  public List<Server> servers() {
    return List.copyOf(data.servers);
  }

  public Optional<Server> server(String name) {
    return data.servers.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The name of the client certificate ({@code vtl createCert -n}), if one was created. */
  public Optional<String> clientName() {
    return Optional.ofNullable(data.clientName);
  }

  public Path clientCertFile(String name) {
    return home.resolve("cert/client/" + name + ".pem");
  }

  public Path clientKeyFile(String name) {
    return home.resolve("cert/client/" + name + "Key.pem");
  }

  public Path serverCertFile(String name) {
    return home.resolve("cert/server/" + name + "Cert.pem");
  }

  public Path caFile() {
    return home.resolve("cert/server/CAFile.pem");
  }

  /** The HTL directory: {@code SERVER.ott} dropped in by the administrator, the agent's files. */
  public Path htlDir() {
    return home.resolve("htl");
  }

  /** The passphrase file of the client keys: created once, random, owner-only. */
  public Path passphraseFile() {
    return home.resolve("cert/client/keypass");
  }

  /**
   * {@code vtl createCert}: a new self-signed client certificate and key named {@code name}, which
   * become the client's NTLS identity. Refuses to overwrite an existing pair.
   */
  public X509Certificate createCert(String name, TlsCertificates.KeyAlgorithm algorithm)
      throws StcClientException {
    if (Files.exists(clientCertFile(name)) || Files.exists(clientKeyFile(name))) {
      throw new StcClientException(Kind.CONFIG, "a certificate named " + name + " exists in "
          + clientCertFile(name).getParent(), "choose another name or remove both files");
    }
    char[] pass = null;
    try {
      OwnerOnlyFiles.createDirectories(clientCertFile(name).getParent());
      pass = passphrase();
      TlsCertificates.Issued issued = TlsCertificates.selfSigned(name, algorithm);
      OwnerOnlyFiles.write(clientKeyFile(name), TlsCertificates.encryptedKeyPem(issued.key(), pass));
      OwnerOnlyFiles.write(clientCertFile(name), TlsCertificates.pem(
          issued.certificate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
      data.clientName = name;
      save();
      return issued.certificate();
    } catch (IOException | GeneralSecurityException e) {
      throw new StcClientException(Kind.CONFIG, "cannot create the certificate: " + e.getMessage(),
          null, e);
    } finally {
      wipe(pass);
    }
  }

  /** The client certificate in use. */
  public X509Certificate clientCertificate() throws StcClientException {
    String name = requireClientName();
    return readCertificate(clientCertFile(name));
  }

  /** The client's private key, decrypted with the passphrase file. */
  public PrivateKey clientKey() throws StcClientException {
    String name = requireClientName();
    char[] pass = null;
    try {
      pass = readPassphrase();
      return TlsCertificates.decryptKeyPem(SmallFiles.read(clientKeyFile(name)), pass);
    } catch (IOException | GeneralSecurityException e) {
      throw new StcClientException(Kind.CONFIG, "cannot read the client key "
          + clientKeyFile(name) + ": " + e.getMessage(), "create one with vtl createCert", e);
    } finally {
      wipe(pass);
    }
  }

  /** {@code vtl addServer}: copies the server certificate and adds the server. */
  public Server addServer(String name, byte[] certificate, int port) throws StcClientException {
    return addServer(name, certificate, port, false);
  }

  /** {@code vtl addServer [-htl]}: as above; {@code htl} marks the link HTL required. */
  public Server addServer(String name, byte[] certificate, int port, boolean htl)
      throws StcClientException {
    if (server(name).isPresent()) {
      throw new StcClientException(Kind.CONFIG, "server " + name + " is already in the server list",
          "vtl deleteServer -n " + name + " first");
    }
    for (ServerEntry stc : ClientConfig.load(home).servers()) {
      if (stc.host().equalsIgnoreCase(name) && stc.stcEnabled()) {
        throw new StcClientException(Kind.CONFIG, "server " + name + " is reached over STC "
            + "(server " + stc.id() + "): all links from one client to one host are NTLS or STC,"
            + " never mixed", "run stccm stc disable -id " + stc.id() + " first, or keep STC");
      }
    }
    X509Certificate cert = parse(certificate, "the server certificate");
    try {
      OwnerOnlyFiles.createDirectories(serverCertFile(name).getParent());
      OwnerOnlyFiles.write(serverCertFile(name), TlsCertificates.pem(cert.getEncoded())
          .getBytes(StandardCharsets.US_ASCII));
      Server s = new Server(name, port, htl);
      data.servers.add(s);
      save();
      return s;
    } catch (IOException | GeneralSecurityException e) {
      throw new StcClientException(Kind.CONFIG, "cannot add server " + name + ": " + e.getMessage(),
          null, e);
    }
  }

  /** {@code vtl deleteServer}: removes the server and its certificate. */
  public Server deleteServer(String name) throws StcClientException {
    Server s = server(name).orElseThrow(() -> new StcClientException(Kind.CONFIG,
        "server " + name + " is not in the server list", "see vtl listServers"));
    data.servers.remove(s);
    try {
      Files.deleteIfExists(serverCertFile(s.name()));
    } catch (IOException e) {
      throw new StcClientException(Kind.CONFIG, "cannot remove " + serverCertFile(s.name()), null, e);
    }
    save();
    return s;
  }

  /** The certificate added for server {@code name}. */
  public X509Certificate serverCertificate(String name) throws StcClientException {
    return readCertificate(serverCertFile(name));
  }

  private String requireClientName() throws StcClientException {
    return clientName().orElseThrow(() -> new StcClientException(Kind.CONFIG,
        "no client certificate in " + home, "create one with vtl createCert -n NAME"));
  }

  private static X509Certificate readCertificate(Path file) throws StcClientException {
    try {
      return parse(SmallFiles.read(file), file.toString());
    } catch (IOException e) {
      throw new StcClientException(Kind.CONFIG, "cannot read " + file + ": " + e.getMessage(), null, e);
    }
  }

  static X509Certificate parse(byte[] bytes, String what) throws StcClientException {
    try {
      return TlsCertificates.certificate(bytes);
    } catch (GeneralSecurityException e) {
      throw new StcClientException(Kind.CONFIG, what + " is not an X.509 certificate (PEM or DER)",
          null, e);
    }
  }

  private char[] passphrase() throws IOException {
    if (!Files.exists(passphraseFile())) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      OwnerOnlyFiles.write(passphraseFile(), Base64.getUrlEncoder().withoutPadding()
          .encode(random));
    }
    return readPassphrase();
  }

  /** A 32-byte key for {@code purpose} derived from the passphrase file; the caller wipes it. */
  byte[] derivedKey(String purpose) throws IOException {
    byte[] raw = SmallFiles.read(passphraseFile());
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(raw, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  private char[] readPassphrase() throws IOException {
    byte[] raw = SmallFiles.read(passphraseFile());
    char[] out = new char[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = (char) raw[i];
    }
    java.util.Arrays.fill(raw, (byte) 0);
    return out;
  }

  private void save() throws StcClientException {
    try {
      OwnerOnlyFiles.createDirectories(home);
      OwnerOnlyFiles.write(home.resolve(FILE), GSON.toJson(data).getBytes(StandardCharsets.UTF_8));
      writeCaFile();
    } catch (IOException e) {
      throw new StcClientException(Kind.CONFIG, "cannot write " + home.resolve(FILE) + ": "
          + e.getMessage(), "check the permissions of STC_HOME", e);
    }
  }

  private void writeCaFile() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (Server s : data.servers) {
      if (Files.exists(serverCertFile(s.name()))) {
        all.write(SmallFiles.read(serverCertFile(s.name())));
      }
    }
    if (Files.exists(caFile().getParent())) {
      OwnerOnlyFiles.write(caFile(), all.toByteArray());
    }
  }

  private static void wipe(char[] c) {
    if (c != null) {
      java.util.Arrays.fill(c, '\0');
    }
  }
}
