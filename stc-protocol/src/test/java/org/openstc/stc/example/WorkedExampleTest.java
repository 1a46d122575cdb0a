package org.openstc.stc.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md can never drift from the code: the fenced block between the worked-example
 * markers must equal the transcript the client and partition code produce today.
 */
class WorkedExampleTest {
  static final String BEGIN = "<!-- worked-example:begin -->";
  static final String END = "<!-- worked-example:end -->";

  @Test
  void documentShowsTheTranscriptTheCodeProduces() throws Exception {
    String expected = WorkedExample.transcript();
    String documented = documentedBlock(Files.readString(protocolDoc(), StandardCharsets.UTF_8));
    assertEquals(expected, documented, "docs/protocol.md worked example is out of date: "
        + "regenerate it with WorkedExample.main");
  }

  @Test
  void transcriptIsDeterministic() throws Exception {
    assertEquals(WorkedExample.transcript(), WorkedExample.transcript());
  }

  /** The text inside the fenced code block that sits between the two markers. */
  static String documentedBlock(String doc) {
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "docs/protocol.md lacks the worked-example markers");
    String block = doc.substring(begin + BEGIN.length(), end).strip();
    assertTrue(block.startsWith("```") && block.endsWith("```"),
        "the worked example must be one fenced code block");
    int firstNewline = block.indexOf('\n');
    return block.substring(firstNewline + 1, block.length() - 3);
  }

  private static Path protocolDoc() throws IOException {
    String root = System.getProperty("stc.repo.root");
    Path[] candidates = {
        root == null ? null : Path.of(root, "docs", "protocol.md"),
        Path.of("..", "docs", "protocol.md"),
        Path.of("docs", "protocol.md")};
    for (Path p : candidates) {
      if (p != null && Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IOException("docs/protocol.md not found (set -Dstc.repo.root)");
  }
}
