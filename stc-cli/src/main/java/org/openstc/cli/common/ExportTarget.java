package org.openstc.cli.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an identity export writes, from its {@code -file} argument: a directory (one that exists,
 * or any path ending in a separator) receives the file under its standard name ({@code
 * <serial>.pid}, {@code <label>.stcid}); anything else names the file itself. A directory that
 * does not exist is an error, never a file named like it.
 */
public final class ExportTarget {
  private ExportTarget() {}

  /** The file to write; {@code file} null means {@code standardName} in the current directory. */
  public static Path resolve(String file, String standardName) throws CliException {
    if (file == null) {
      return Path.of(standardName);
    }
    Path path = Path.of(file);
    boolean directoryMeant = file.endsWith("/") || file.endsWith(File.separator);
    if (directoryMeant || Files.isDirectory(path)) {
      if (!Files.isDirectory(path)) {
        throw new CliException(ExitCode.USAGE, "directory " + file + " does not exist");
      }
      return path.resolve(standardName);
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new CliException(ExitCode.USAGE, "cannot write " + file + ": directory " + parent + " does not exist");
    }
    return path;
  }
}
