package dev.retailsync.salesforce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md's layering for connectors-salesforce: independent of the other connector modules. */
class SalesforceArchitectureTest {
  private static final JavaClasses CONNECTOR =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.retailsync.salesforce");

  @Test
  void connectorIsIndependentOfOtherConnectors() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.retailsync.erp..", "dev.retailsync.ecommerce..")
        .allowEmptyShould(true)
        .check(CONNECTOR);
  }
}
