package dev.retailsync.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
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
        .dependOnClassesThat(
            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                    "dev.retailsync.api.internal..")
                .and(
                    com.tngtech.archunit.base.DescribedPredicate.not(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.name(
                            "dev.retailsync.api.internal.SortedArraySet"))))
        .because(
            "api.internal is exported to the core for its sorted field sets alone; nothing else"
                + " of it is the core's to use")
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

  @Test
  void failsafeAndCaffeineStayOutOfPublicSignatures() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : CORE) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaCodeUnit u : c.getCodeUnits()) {
        if (!u.getModifiers().contains(JavaModifier.PUBLIC)) {
          continue;
        }
        List<JavaClass> types = new ArrayList<>(u.getRawParameterTypes());
        types.add(u.getRawReturnType());
        for (JavaClass t : types) {
          String pkg = t.getPackageName();
          if (pkg.startsWith("dev.failsafe") || pkg.startsWith("com.github.benmanes.caffeine")) {
            leaks.add(u.getFullName());
          }
        }
      }
    }
    assertEquals(List.of(), leaks, "STYLE.md rule 5: our own settings types, never theirs");
  }
}
