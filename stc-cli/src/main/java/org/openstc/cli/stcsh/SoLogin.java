package org.openstc.cli.stcsh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.partition.store.Hsm;
import org.openstc.partition.store.MasterKey;
import org.openstc.partition.store.SoSecret;
import org.openstc.partition.store.StoreException;
import picocli.CommandLine.Option;

/**
 * How a command gets the HSM SO's credential when nobody is logged in to this process: the SO
 * password from {@code -password-file FILE} (preferred: no secret on the command line),
 * {@code -password P}, or a prompt; or, on an M of N host, {@code -shares FILE,...} with the
 * holders' passwords from {@code -sharepasswords FILE} (one per line, in the same order) or a
 * prompt per share.
 */
final class SoLogin {
  static final String PROMPT = "Please enter the HSM Administrators' password: ";

  @Option(names = {"-password", "--password"}, paramLabel = "P", arity = "0..1", fallbackValue = "",
      description = "HSM SO password (prefer -password-file; prompted without echo if omitted)")
  char[] password;
  @Option(names = {"-password-file", "--password-file"}, paramLabel = "FILE",
      description = "read the HSM SO password from the first line of FILE (owner-only)")
  Path passwordFile;
  @Option(names = {"-shares", "--shares"}, paramLabel = "FILE", split = ",",
      description = "M of N host: M share files, comma-separated")
  List<Path> shares;
  @Option(names = {"-sharepasswords", "--sharepasswords"}, paramLabel = "FILE",
      description = "the share holders' passwords, one per line, in the order of -shares")
  Path sharePasswords;

  /** Whether a credential was given on the command line (else a prompt would ask). */
  boolean given() {
    return password != null || passwordFile != null || (shares != null && !shares.isEmpty());
  }

  /** The master key: this process's SO login, else unsealed with these options or prompts. */
  MasterKey unseal(CliContext ctx, Path home) throws CliException, StoreException {
    var logged = SoSession.key(home);
    if (logged.isPresent()) {
      return logged.get();
    }
    return unsealNow(ctx, home);
  }

  /** Destroys {@code key} unless it is this process's SO login (which {@code hsm logout} ends). */
  static void release(Path home, MasterKey key) {
    if (SoSession.key(home).orElse(null) != key) {
      key.destroy();
    }
  }

  /** Unseals with these options or prompts, ignoring any login of this process. */
  MasterKey unsealNow(CliContext ctx, Path home) throws CliException, StoreException {
    Hsm.requireInitialized(home); // refused before any prompt
    SoSecret secret = secret(ctx, home);
    try {
      return Hsm.unseal(home, secret);
    } finally {
      secret.wipe();
      wipe();
    }
  }

  SoSecret secret(CliContext ctx, Path home) throws CliException, StoreException {
    if (shares != null && !shares.isEmpty()) {
      return SoSecret.shares(shares, holderPasswords(ctx, sharePasswords, shares.size(), false));
    }
    if (given()) {
      return SoSecret.password(password(ctx, password, passwordFile, PROMPT));
    }
    if (!Hsm.sealMode(home).equals("Password")) {
      throw new CliException(ExitCode.SO_LOGIN_REQUIRED, "the host is sealed by " + Hsm.sealMode(home)
          + ": give -shares FILE,... with -sharepasswords FILE (or answer the prompts on a terminal)");
    }
    if (ctx.terminal().canReadSecrets()) {
      char[] typed = ctx.terminal().readPassword(PROMPT);
      if (typed != null && typed.length > 0) {
        return SoSecret.password(typed);
      }
    }
    throw new CliException(ExitCode.SO_LOGIN_REQUIRED, "the host is sealed and no HSM SO password was"
        + " given: run hsm login first in this stcsh:> shell, or give -password-file FILE");
  }

  static char[] password(CliContext ctx, char[] option, Path file, String prompt) throws CliException {
    if (file != null) {
      return TokenPassphrase.read(ctx, file);
    }
    return Passwords.get(ctx, option, prompt);
  }

  /** {@code n} holder passwords: the file's first n lines, or a prompt each (twice when new). */
  static List<char[]> holderPasswords(CliContext ctx, Path file, int n, boolean fresh) throws CliException {
    List<char[]> out = new ArrayList<>();
    if (file == null) {
      for (int i = 1; i <= n; i++) {
        String prompt = "Please enter the password of share holder " + i + " of " + n + ": ";
        out.add(fresh ? Passwords.getNew(ctx, null, prompt) : Passwords.get(ctx, null, prompt));
      }
      return out;
    }
    byte[] bytes = null;
    CharBuffer chars = null;
    try {
      bytes = SmallFiles.read(file, TokenPassphrase.MAX_FILE_BYTES);
      chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      int start = 0;
      for (int i = 0; i <= chars.limit() && out.size() < n; i++) {
        if (i == chars.limit() || chars.get(i) == '\n') {
          int end = i > start && chars.get(i - 1) == '\r' ? i - 1 : i;
          char[] line = new char[end - start];
          chars.get(start, line);
          out.add(line);
          start = i + 1;
        }
      }
      if (out.size() < n || out.stream().anyMatch(p -> p.length == 0)) {
        out.forEach(Passwords::wipe);
        throw new CliException(ExitCode.USAGE, "the share passwords file " + file + " must hold " + n
            + " non-empty lines, one password per share in order");
      }
      return out;
    } catch (CharacterCodingException e) {
      throw new CliException(ExitCode.USAGE, "the share passwords file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new CliException(ExitCode.IO_ERROR, "cannot read the share passwords file " + file + ": "
          + e.getMessage());
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
      if (chars != null && chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
    }
  }

  void wipe() {
    Passwords.wipe(password);
  }
}
