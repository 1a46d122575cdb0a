package org.openstc.cli.stcsh;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.ExitCodes;
import org.openstc.cli.common.Progress;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.identity.IdentityKind;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;

/**
 * {@code stcsh client register -partition P -dir DIR}: every {@code *.stcid} file of DIR (not its
 * subdirectories, in name order) registered under the label in the file, one line per file
 * (registered, or why not), then a summary line. One bad file does not stop the others; the exit
 * code is then that of the first failure. On a terminal a progress line counts the files.
 */
final class BulkRegistration {
  static final String SUFFIX = ".stcid";

  private BulkRegistration() {}

  static void run(CliContext ctx, HostStore store, String partition, Path dir) throws Exception {
    List<Path> files = files(dir);
    long serial = store.partitions().get(partition).serial();
    PrintWriter out = ctx.out();
    int registered = 0;
    Exception first = null;
    try (Progress progress = Progress.of(ctx, "Registering client identities")) {
      for (int i = 0; i < files.size(); i++) {
        Path f = files.get(i);
        try {
          IdentityFile id = IdentityFile.read(f, IdentityKind.CLIENT);
          store.registrations().register(serial, id.label(), id.identity());
          registered++;
          out.printf("Client identity %s (%s) successfully registered on partition %s.%n",
              id.label(), f.getFileName(), partition);
        } catch (IdentityFileException | StoreException e) {
          first = first == null ? e : first;
          out.printf("Client identity file %s not registered: %s%n", f.getFileName(), e.getMessage());
        }
        progress.step(i + 1, files.size());
      }
    }
    out.printf("%d of %d client identity file(s) in %s registered on partition %s.%n", registered,
        files.size(), dir, partition);
    if (first != null) {
      ExitCode code = first instanceof StoreException se ? HostCommand.exitCode(se) : ExitCodes.of(first);
      throw new CliException(code, (files.size() - registered)
          + " file(s) not registered (see above); the first failure: " + first.getMessage());
    }
  }

  private static List<Path> files(Path dir) throws CliException {
    if (!Files.isDirectory(dir)) {
      throw new CliException(ExitCode.NOT_FOUND, "no such directory: " + dir);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      ds.forEach(p -> {
        if (Files.isRegularFile(p)) {
          files.add(p);
        }
      });
    } catch (IOException e) {
      throw new CliException(ExitCode.IO_ERROR, "cannot list " + dir + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new CliException(ExitCode.NOT_FOUND, "no " + SUFFIX + " files in " + dir);
    }
    files.sort(null);
    return files;
  }
}
