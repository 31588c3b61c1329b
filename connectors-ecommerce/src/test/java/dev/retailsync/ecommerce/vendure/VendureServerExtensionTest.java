package dev.retailsync.ecommerce.vendure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retailsync.ecommerce.vendure.VendureServerExtension.Decision;
import dev.retailsync.ecommerce.vendure.VendureServerExtension.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-or-skip decision of {@link VendureServerExtension}, on a scripted machine. */
class VendureServerExtensionTest {
  @TempDir Path project;

  private static Machine machine(String node, boolean npm) {
    return new Machine() {
      @Override
      public Optional<String> nodeVersion() {
        return Optional.ofNullable(node);
      }

      @Override
      public boolean hasNpm() {
        return npm;
      }
    };
  }

  private Path withLockfile() throws Exception {
    Files.writeString(project.resolve("package-lock.json"), "{}");
    return project;
  }

  @Test
  void runsWithNode20AndNpm() throws Exception {
    Decision d = VendureServerExtension.evaluate("auto", withLockfile(), machine("20.20.2", true));
    assertTrue(d.run(), d.reason());
  }

  @Test
  void skipsWithOneLineReasonWhenNodeIsMissingOrOld() throws Exception {
    Decision none = VendureServerExtension.evaluate("auto", withLockfile(), machine(null, true));
    assertFalse(none.run());
    assertEquals("node not found on PATH (Node >= 20 and npm required)", none.reason());
    Decision old = VendureServerExtension.evaluate("auto", project, machine("18.19.0", true));
    assertFalse(old.run());
    assertTrue(old.reason().contains("18.19.0"), old.reason());
    Decision noNpm = VendureServerExtension.evaluate("auto", project, machine("22.1.0", false));
    assertFalse(noNpm.run());
    assertTrue(noNpm.reason().startsWith("npm not found"), noNpm.reason());
  }

  @Test
  void skipModeSkipsAndMissingProjectSkips() throws Exception {
    assertFalse(
        VendureServerExtension.evaluate("skip", withLockfile(), machine("20.1.0", true)).run());
    Decision d =
        VendureServerExtension.evaluate(
            "auto", project.resolve("nowhere"), machine("20.1.0", true));
    assertFalse(d.run());
    assertTrue(d.reason().contains("nowhere"), d.reason());
  }

  @Test
  void requiredTurnsASkipIntoAFailure() {
    Decision off = new Decision(false, "node not found on PATH");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> VendureServerExtension.verdict(off, "required"));
    assertTrue(e.getMessage().contains("node not found on PATH"));
    assertTrue(VendureServerExtension.verdict(off, "auto").isDisabled());
  }

  @Test
  void nodeMajorVersionParsing() {
    assertEquals(20, VendureServerExtension.majorOf("v20.20.2"));
    assertEquals(22, VendureServerExtension.majorOf("22"));
    assertEquals(-1, VendureServerExtension.majorOf("garbage"));
  }

  @Test
  void theCommittedLockfileRecordsNoDownloadAddresses() throws Exception {
    String lock = Files.readString(Path.of("src/test/vendure/package-lock.json"));
    assertFalse(lock.contains("\"resolved\""), "package-lock.json must not record resolved URLs");
    assertTrue(lock.contains("\"node_modules/@vendure/core\""));
  }

  @Test
  void anotherModuleFindsTheVendureProjectUpTheTree(@TempDir Path repo) throws Exception {
    Path project = repo.resolve("connectors-ecommerce/src/test/vendure");
    Files.createDirectories(project);
    Files.writeString(project.resolve("package-lock.json"), "{}");
    Path nested = Files.createDirectories(repo.resolve("examples/order-to-cash"));
    assertEquals(project, VendureServerExtension.project(null, nested));
    assertEquals(
        project, VendureServerExtension.project(null, repo.resolve("connectors-ecommerce")));
    assertEquals(
        Path.of("/elsewhere/vendure"),
        VendureServerExtension.project("/elsewhere/vendure", nested));
  }
}
