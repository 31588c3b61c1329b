package dev.retailsync.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type, constructor, method and constant of the published API has a javadoc comment.
 * Javadoc's own "missing" check is off because it cannot document compact record constructors
 * (their components are documented with {@code @param} on the record), so this test does it.
 */
class JavadocCoverageTest {
  private static final Pattern PUBLIC_DECL =
      Pattern.compile("^\\s*public (?!record [A-Za-z]+\\s*\\{)(?![A-Z][A-Za-z]* \\{$).*");

  @Test
  void everyPublicDeclarationHasJavadoc() throws IOException {
    List<String> missing = new ArrayList<>();
    Path root = Path.of("src", "main", "java");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (file.toString().contains("internal")) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (!PUBLIC_DECL.matcher(line).matches()
              || line.contains("serialVersionUID")
              || isCompactConstructor(line)) {
            continue;
          }
          if (!documented(lines, i)) {
            missing.add(root.relativize(file) + ":" + (i + 1) + ": " + line.trim());
          }
        }
      }
    }
    assertEquals(List.of(), missing, "public declarations without javadoc");
  }

  private static boolean isCompactConstructor(String line) {
    return line.trim().matches("public [A-Z][A-Za-z]* \\{");
  }

  /**
   * Walks back over annotations, blank lines and line comments to a javadoc's end; an {@code
   * Override} inherits the overridden method's documentation.
   */
  private static boolean documented(List<String> lines, int i) {
    for (int j = i - 1; j >= 0; j--) {
      String l = lines.get(j).trim();
      if (l.equals("@Override")) {
        return true;
      }
      if (l.isEmpty() || l.startsWith("@") || l.startsWith("//") || l.endsWith(")")) {
        continue;
      }
      return l.endsWith("*/") && javadocStart(lines, j);
    }
    return false;
  }

  private static boolean javadocStart(List<String> lines, int end) {
    for (int j = end; j >= 0; j--) {
      String l = lines.get(j).trim();
      if (l.startsWith("/**")) {
        return true;
      }
      if (l.startsWith("/*")) {
        return false;
      }
    }
    return false;
  }
}
