package dev.retailsync.examples.quickstart;

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
 * The README's Java snippets are copied from the examples, which the build compiles and runs: every
 * {@code ```java} block must appear, up to white space, in a source file under {@code examples/}.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaSnippetInTheReadmeComesFromTheExamples() throws IOException {
    Path examples = Path.of("..").toAbsolutePath().normalize();
    String readme = Files.readString(examples.resolve("..").resolve("README.md"));
    StringBuilder sources = new StringBuilder();
    try (Stream<Path> files = Files.walk(examples)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        if (f.toString().contains("/src/main/")) {
          sources.append(squash(Files.readString(f))).append('\n');
        }
      }
    }
    List<String> missing = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      if (!sources.toString().contains(squash(m.group(1)))) {
        missing.add(m.group(1));
      }
    }
    assertTrue(blocks > 0, "the README has no Java snippets");
    assertEquals(List.of(), missing, "README snippets not found in examples/*/src/main/java");
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
