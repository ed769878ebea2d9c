package dev.sourced.processor;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.sourced.processor.validation.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** docs/diagnostics.md documents every catalogue entry. */
class DiagnosticsDocTest {
  @Test
  void everyCatalogueEntry_hasASection_withWrongAndRightExamples() throws IOException {
    Path doc = Paths.get(System.getProperty("docs.dir", "../docs")).resolve("diagnostics.md");
    String text = Files.readString(doc);
    for (Diagnostic diagnostic : Diagnostic.values()) {
      String heading = "### " + diagnostic.tag() + "\n";
      assertWithMessage("section for " + diagnostic.tag()).that(text).contains(heading);
      int start = text.indexOf(heading);
      int end = text.indexOf("\n### ", start + 1);
      String section = text.substring(start, end < 0 ? text.length() : end);
      // an example in Java, or in the build file for the options the build passes
      assertWithMessage(diagnostic.tag() + " example").that(section.contains("```java") || section.contains("```xml")).isTrue();
      if (diagnostic.kind() == javax.tools.Diagnostic.Kind.ERROR) {
        assertWithMessage(diagnostic.tag() + " wrong example").that(section).contains("wrong");
      }
    }
  }
}
