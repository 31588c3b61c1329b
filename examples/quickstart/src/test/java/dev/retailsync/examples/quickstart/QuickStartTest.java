package dev.retailsync.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.api.spi.WriteOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The quick start on the class path (in this JVM) and on the module path (in a child JVM): the
 * custom ERP connector is discovered by id and used through the SPI.
 */
class QuickStartTest {

  @Test
  void discoversTheCustomErpAndGetsOneOutcomePerRecordOnTheClassPath() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<WriteOutcome> outcomes =
        QuickStart.run(
            new PrintStream(buf, true, StandardCharsets.UTF_8), "test-" + UUID.randomUUID());
    String out = buf.toString(StandardCharsets.UTF_8);

    assertTrue(out.contains("discovered connector 'acme-erp'"), out);
    assertEquals(
        List.of("web-1001", "web-1002", "web-1003"),
        outcomes.stream().map(WriteOutcome::key).toList());
    assertEquals(WriteOutcome.Status.CREATED, outcomes.get(0).status());
    assertEquals(WriteOutcome.Status.CREATED, outcomes.get(1).status());
    assertEquals(WriteOutcome.Status.REJECTED, outcomes.get(2).status());
    assertEquals("name", outcomes.get(2).errors().get(0).path());
    assertTrue(out.contains("refused configuration"), out);
    assertTrue(out.contains("tenant: is required"), out);
    assertTrue(out.contains("pageSize: must be between 1 and 1000"), out);
    assertTrue(out.contains("change CREATED acme-erp:C-1001 v1"), out);
    assertTrue(out.contains("change CREATED acme-erp:B-2002 v2"), out);
    assertTrue(out.contains("\"accountNumber\":\"B-2002\""), out);
    assertTrue(out.contains("credit of B-2002: PENDING_APPROVAL"), out);
  }

  @Test
  void runsOnTheModulePath() throws IOException, InterruptedException {
    // Surefire puts the real test class path in this property (java.class.path is its booter).
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> modulePath = new ArrayList<>();
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      // Only what the application needs: our modules and their runtime libraries.
      if (entry.endsWith("test-classes")
          || name.startsWith("junit-")
          || name.startsWith("opentest4j")
          || name.startsWith("apiguardian")
          || name.startsWith("surefire")) {
        continue;
      }
      modulePath.add(entry);
    }
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                javaBin.toString(),
                "--module-path",
                String.join(java.io.File.pathSeparator, modulePath),
                "--module",
                "dev.retailsync.examples.quickstart/dev.retailsync.examples.quickstart.QuickStart")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the module-path run did not finish");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("discovered connector 'acme-erp'"), out);
    assertTrue(out.contains("write web-1002: CREATED as acme-erp:B-2002"), out);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "module-path-run.txt"), out);
  }
}
