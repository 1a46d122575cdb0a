package org.openstc.cli.stccm.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.command.ObjectBodies;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import picocli.CommandLine.Option;

/** Input and output of the object commands: {@code -in FILE | -hex HEX | -text T}, {@code -out FILE}. */
final class DataOptions {
  /** Exactly one source of input data. */
  static final class Input {
    @Option(names = {"-in", "--in"}, paramLabel = "FILE", description = "read the data from a file")
    Path file;
    @Option(names = {"-hex", "--hex"}, paramLabel = "HEX", description = "the data in hex")
    String hex;
    @Option(names = {"-text", "--text"}, paramLabel = "TEXT", description = "the data as UTF-8 text")
    String text;

    byte[] read() throws CliException {
      byte[] data;
      if (file != null) {
        try {
          data = SmallFiles.read(file, ObjectBodies.MAX_DATA);
        } catch (SmallFiles.TooLarge e) {
          throw new CliException(ExitCode.USAGE, e.getMessage() + "; at most " + ObjectBodies.MAX_DATA
              + " bytes per command");
        } catch (IOException e) {
          throw new CliException(ExitCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
        }
      } else if (hex != null) {
        data = hex(hex, "-hex");
      } else {
        data = text.getBytes(StandardCharsets.UTF_8);
      }
      if (data.length > ObjectBodies.MAX_DATA) {
        throw new CliException(ExitCode.USAGE, "the data is " + data.length
            + " bytes; at most " + ObjectBodies.MAX_DATA + " bytes per command");
      }
      return data;
    }
  }

  private DataOptions() {}

  static byte[] hex(String text, String option) throws CliException {
    String clean = text.replaceAll("[\\s:]", "");
    try {
      return HexFormat.of().parseHex(clean);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, option + " is not valid hex: " + e.getMessage());
    }
  }

  /** Writes {@code data} to {@code out} (owner-only), or prints it as hex. */
  static void emit(CliContext ctx, String what, byte[] data, Path out, boolean showText)
      throws CliException {
    if (out != null) {
      try {
        OwnerOnlyFiles.write(out.toAbsolutePath(), data);
      } catch (IOException e) {
        throw new CliException(ExitCode.IO_ERROR, "cannot write " + out + ": " + e.getMessage());
      }
      ctx.out().printf("%s (%d bytes) written to %s%n", what, data.length, out);
      return;
    }
    ctx.out().printf("%s (%d bytes, hex): %s%n", what, data.length, HexFormat.of().formatHex(data));
    if (showText && printable(data)) {
      ctx.out().printf("%s (text): %s%n", what, new String(data, StandardCharsets.UTF_8));
    }
  }

  private static boolean printable(byte[] data) {
    for (byte b : data) {
      if (b < 0x20 || b > 0x7e) {
        return false;
      }
    }
    return data.length > 0;
  }
}
