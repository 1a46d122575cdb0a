package org.openstc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The half of the build guard the enforcer has no rule for: a module's pom names no dependency or
 * plugin version of its own, so every version is set once, in the parent's dependencyManagement
 * or pluginManagement (the enforcer checks that each plugin has a version and that the versions
 * converge).
 */
class ModulePomsTest {
  private static final Path ROOT =
      Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();

  @Test
  void modulesTakeEveryVersionFromTheParent() throws Exception {
    List<String> modules = texts(child(parse(ROOT.resolve("pom.xml")), "modules"), "module");
    assertFalse(modules.isEmpty(), "no modules found in " + ROOT);
    List<String> pinned = new ArrayList<>();
    for (String module : modules) {
      Element pom = parse(ROOT.resolve(module).resolve("pom.xml"));
      pinned.addAll(pins(module, child(pom, "dependencies"), "dependency"));
      pinned.addAll(pins(module, child(child(pom, "build"), "plugins"), "plugin"));
      if (child(pom, "dependencyManagement") != null
          || child(child(pom, "build"), "pluginManagement") != null) {
        pinned.add(module + ": manages versions itself");
      }
    }
    assertEquals(List.of(), pinned);
  }

  @Test
  void aPinnedVersionIsFound() throws Exception {
    Path pom = Files.createTempFile("pom", ".xml");
    try {
      Files.writeString(pom, "<project><dependencies><dependency><groupId>g</groupId>"
          + "<artifactId>a</artifactId><version>1</version></dependency></dependencies></project>");
      assertEquals(List.of("m: dependency g:a pins version 1"),
          pins("m", child(parse(pom), "dependencies"), "dependency"));
    } finally {
      Files.delete(pom);
    }
  }

  private static List<String> pins(String module, Element parent, String tag) {
    List<String> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag) && child(e, "version") != null) {
        out.add(module + ": " + tag + " " + text(e, "groupId") + ":" + text(e, "artifactId")
            + " pins version " + text(e, "version"));
      }
    }
    return out;
  }

  private static Element parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
  }

  private static Element child(Element parent, String tag) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    return e == null ? "" : e.getTextContent().trim();
  }

  private static List<String> texts(Element parent, String tag) {
    List<String> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        out.add(e.getTextContent().trim());
      }
    }
    return out;
  }
}
