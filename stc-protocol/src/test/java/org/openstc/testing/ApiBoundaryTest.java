package org.openstc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.internal.EcCurves;

/**
 * The API boundary of stc-protocol (docs/api.md): the public types of packages that are not
 * {@code .internal} are exactly the API rows of the table, and no public signature of an API type
 * names an internal type.
 */
class ApiBoundaryTest {
  private static final Pattern ROW = Pattern.compile("^\\| `([\\w.]+)` \\| (API|internal) \\|");

  @Test
  void publicTypesOfApiPackagesAreExactlyTheListedOnes() throws Exception {
    Set<String> actual = new TreeSet<>();
    for (Class<?> c : mainClasses()) {
      if (isTopLevel(c) && Modifier.isPublic(c.getModifiers()) && !isInternal(c)) {
        actual.add(c.getName());
      }
    }
    Set<String> unlisted = new TreeSet<>(actual);
    unlisted.removeAll(listed("API"));
    Set<String> gone = new TreeSet<>(listed("API"));
    gone.removeAll(actual);
    assertEquals(List.of(), List.copyOf(unlisted), "public API type, no row in docs/api.md");
    assertEquals(List.of(), List.copyOf(gone), "an API row in docs/api.md, no such public type");
  }

  @Test
  void internalRowsNameInternalPackages() throws Exception {
    for (String name : listed("internal")) {
      assertTrue(isInternal(Class.forName(name, false, loader())), name + " is not in .internal");
    }
  }

  @Test
  void noApiSignatureNamesAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : mainClasses()) {
      if (!isInternal(c) && isExported(c)) {
        leaks.addAll(exposedInternals(c));
      }
    }
    assertEquals(List.of(), leaks);
  }

  @Test
  void everyPackageSaysWhetherItIsApi() throws IOException {
    Path src = Vectors.dir().getParent().getParent().resolve("stc-protocol/src/main/java");
    List<Path> dirs;
    try (Stream<Path> all = Files.walk(src)) {
      dirs = all.filter(d -> Files.isDirectory(d) && hasJava(d)).collect(Collectors.toList());
    }
    for (Path dir : dirs) {
      Path info = dir.resolve("package-info.java");
      assertTrue(Files.isRegularFile(info), "no package-info.java in " + dir);
      String text = Files.readString(info, StandardCharsets.UTF_8);
      String kind = dir.getFileName().toString().equals("internal") ? " * Internal: " : " * API";
      assertTrue(text.contains("/**\n" + kind), info + " does not begin with" + kind);
    }
  }

  private static boolean hasJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theSignatureCheckFindsALeak() {
    assertEquals(List.of(Leaky.class.getName() + ".curve: " + EcCurves.class.getName()),
        exposedInternals(Leaky.class));
  }

  /** A class whose public method exposes an internal type: the check must report it. */
  public static final class Leaky {
    public EcCurves curve() {
      return EcCurves.P256;
    }

    EcCurves hidden() {
      return EcCurves.P256;
    }
  }

  static List<String> exposedInternals(Class<?> c) {
    List<Type> types = new ArrayList<>();
    List<String> where = new ArrayList<>();
    add(types, where, c.getName() + " supertype", c.getGenericSuperclass());
    for (Type t : c.getGenericInterfaces()) {
      add(types, where, c.getName() + " supertype", t);
    }
    for (Field f : c.getDeclaredFields()) {
      if (visible(f)) {
        add(types, where, c.getName() + "." + f.getName(), f.getGenericType());
      }
    }
    List<Executable> code = new ArrayList<>(List.of(c.getDeclaredConstructors()));
    code.addAll(List.of(c.getDeclaredMethods()));
    for (Executable e : code) {
      if (visible(e) && !e.isSynthetic()) {
        String name = c.getName() + "." + e.getName();
        if (e instanceof java.lang.reflect.Method m) {
          add(types, where, name, m.getGenericReturnType());
        }
        Stream.of(e.getGenericParameterTypes()).forEach(t -> add(types, where, name, t));
        Stream.of(e.getGenericExceptionTypes()).forEach(t -> add(types, where, name, t));
      }
    }
    List<String> leaks = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      for (Class<?> raw : rawClasses(types.get(i), new ArrayList<>())) {
        if (isInternal(raw)) {
          leaks.add(where.get(i) + ": " + raw.getName());
        }
      }
    }
    return leaks;
  }

  private static void add(List<Type> types, List<String> where, String name, Type t) {
    if (t != null) {
      types.add(t);
      where.add(name);
    }
  }

  private static List<Class<?>> rawClasses(Type t, List<Class<?>> out) {
    if (t instanceof Class<?> c) {
      out.add(c.isArray() ? c.getComponentType() : c);
    } else if (t instanceof ParameterizedType p) {
      rawClasses(p.getRawType(), out);
      Stream.of(p.getActualTypeArguments()).forEach(a -> rawClasses(a, out));
    } else if (t instanceof GenericArrayType g) {
      rawClasses(g.getGenericComponentType(), out);
    } else if (t instanceof WildcardType w) {
      Stream.of(w.getUpperBounds()).forEach(b -> rawClasses(b, out));
      Stream.of(w.getLowerBounds()).forEach(b -> rawClasses(b, out));
    } else if (t instanceof TypeVariable<?> v) {
      Stream.of(v.getBounds()).forEach(b -> rawClasses(b, out));
    }
    return out;
  }

  private static boolean visible(Member m) {
    return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
  }

  /** Public, and (for a nested type) every enclosing type public too. */
  private static boolean isExported(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTopLevel(Class<?> c) {
    return c.getEnclosingClass() == null;
  }

  private static boolean isInternal(Class<?> c) {
    String pkg = c.getPackageName() + ".";
    return pkg.startsWith("org.openstc.") && pkg.contains(".internal.");
  }

  private static Set<String> listed(String kind) throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(apiDoc(), StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.find() && m.group(2).equals(kind)) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  private static Path apiDoc() {
    return Vectors.dir().getParent().getParent().resolve("docs/api.md");
  }

  private static ClassLoader loader() {
    return ApiBoundaryTest.class.getClassLoader();
  }

  /** Every class compiled from stc-protocol's src/main (the directory CryptoProvider came from). */
  private static List<Class<?>> mainClasses() throws IOException, URISyntaxException {
    Path root = Paths.get(CryptoProvider.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    if (!Files.isDirectory(root)) {
      fail("stc-protocol's classes are not a directory: " + root);
    }
    List<String> names;
    try (Stream<Path> files = Files.walk(root)) {
      names = files.map(p -> root.relativize(p).toString())
          .filter(n -> n.endsWith(".class") && !n.endsWith("package-info.class"))
          .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
          .collect(Collectors.toList());
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String n : names) {
      try {
        classes.add(Class.forName(n, false, loader()));
      } catch (ClassNotFoundException e) {
        fail("cannot load " + n, e);
      }
    }
    return classes;
  }
}
