package com.example.acme.erp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The guide {@code docs/custom-erp-connector.md} quotes this example: every {@code ```java} block
 * must appear, up to white space, in this module's main or test sources, so the guide cannot drift
 * from code the build compiles and tests.
 */
class GuideSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaBlockOfTheGuideComesFromThisExample() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    String guide =
        Files.readString(module.resolve("../../docs/custom-erp-connector.md").normalize());
    StringBuilder sources = new StringBuilder();
    try (Stream<Path> files = Files.walk(module.resolve("src"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        sources.append(squash(Files.readString(f))).append('\n');
      }
    }
    List<String> missing = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(guide);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      if (!sources.toString().contains(squash(m.group(1)))) {
        missing.add(m.group(1));
      }
    }
    assertTrue(blocks >= 5, "the guide has " + blocks + " Java blocks");
    assertEquals(List.of(), missing, "guide snippets not found in examples/custom-erp-connector");
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
