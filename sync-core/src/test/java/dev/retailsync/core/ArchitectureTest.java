package dev.retailsync.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md's layering for sync-core: it builds on sync-api and never on a connector. */
class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.retailsync.core");

  @Test
  void coreIsIndependentOfConnectors() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.retailsync.salesforce..", "dev.retailsync.erp..", "dev.retailsync.ecommerce..")
        .check(CORE);
  }

  @Test
  void coreUsesOnlyTheApisPublicPackages() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.retailsync.api.internal..")
        .because("api.internal is not exported; core must not rely on it")
        .check(CORE);
  }

  @Test
  void theDukeAnchorAndItsLuceneStayInTheBenchmarks() {
    // Duke 1.2 brings Lucene 4.0; it is the identity benchmark's anchor and must never reach
    // users' classpaths through sync-core.
    for (String type :
        new String[] {"no.priv.garshol.duke.Processor", "org.apache.lucene.index.IndexWriter"}) {
      org.junit.jupiter.api.Assertions.assertThrows(
          ClassNotFoundException.class, () -> Class.forName(type), type + " is on the classpath");
    }
  }
}
