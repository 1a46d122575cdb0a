package org.openstc.conformance.host;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of the class-path directories of this test JVM for child JVMs (hosts, shims).
 * Module builds running at the same time in a shared work tree recompile {@code target/classes};
 * a child JVM started from the copy never sees a half-written class directory.
 */
final class ClassPathSnapshot {
  private static String snapshot;

  private ClassPathSnapshot() {}

  static synchronized String get() {
    if (snapshot == null) {
      snapshot = copy(System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path")));
    }
    return snapshot;
  }

  private static String copy(String classPath) {
    try {
      Path root = Files.createTempDirectory("conformance-cp");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
      List<String> out = new ArrayList<>();
      int n = 0;
      for (String entry : classPath.split(File.pathSeparator)) {
        Path p = Path.of(entry);
        if (Files.isDirectory(p)) {
          Path target = root.resolve(Integer.toString(n++));
          copyTree(p, target);
          out.add(target.toString());
        } else {
          out.add(entry);
        }
      }
      return String.join(File.pathSeparator, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest);
        }
      }
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at exit
    }
  }
}
