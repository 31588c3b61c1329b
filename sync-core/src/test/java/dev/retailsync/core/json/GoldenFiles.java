package dev.retailsync.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden JSON files under {@code src/test/resources/golden}: the wire contract, compared exactly.
 * Run the build with {@code -Dgolden.update=true} to rewrite them after an intended change, and
 * review the diff.
 */
final class GoldenFiles {
  private static final Path DIR = Path.of("src", "test", "resources", "golden");
  private static final ObjectMapper PRETTY =
      JsonMapper.builder()
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private GoldenFiles() {}

  /** Pretty-prints compact JSON without changing its content or order. */
  static String pretty(String compactJson) {
    try {
      return PRETTY
              .writerWithDefaultPrettyPrinter()
              .writeValueAsString(PRETTY.readTree(compactJson))
          + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts that the JSON equals the golden file, or rewrites the file when asked to. */
  static void assertMatches(String fileName, String compactJson) {
    Path file = DIR.resolve(fileName);
    String actual = pretty(compactJson);
    try {
      if (Boolean.getBoolean("golden.update") || !Files.exists(file)) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        if (!Boolean.getBoolean("golden.update")) {
          throw new AssertionError(
              "golden file " + file + " did not exist; it was written now: review and commit it");
        }
        return;
      }
      assertEquals(
          Files.readString(file, StandardCharsets.UTF_8),
          actual,
          "wire contract changed for "
              + fileName
              + " (rerun with -Dgolden.update=true if intended)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a golden file. */
  static String read(String fileName) {
    try {
      return Files.readString(DIR.resolve(fileName), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
