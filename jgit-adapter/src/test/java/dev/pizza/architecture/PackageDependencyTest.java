package dev.pizza.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package dependency rules of the library, checked on its compiled main classes (core, cache
 * and jgit-adapter are all on this module's test class path). A failure names the class and the
 * dependency that breaks the rule.
 */
class PackageDependencyTest {
  private static JavaClasses library;

  @BeforeAll
  static void importLibrary() {
    library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pizza");
  }

  @Test
  void imports_everyLibraryModule() {
    // Core and cache come as jars in a reactor build: the rules below must see them too.
    assertThat(library.contain("dev.pizza.PizzaOven")).isTrue();
    assertThat(library.contain("dev.pizza.cache.DiskRepoStore")).isTrue();
    assertThat(library.contain("dev.pizza.jgit.JGitBackend")).isTrue();
    assertThat(library.contain("dev.pizza.jgit.internal.pack.Pack")).isTrue();
  }

  private static void check(ArchRule rule) {
    rule.check(library);
  }

  @Test
  void coreAndCache_useNoJGit() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.pizza", "dev.pizza.errors", "dev.pizza.spi", "dev.pizza.testing")
            .or()
            .resideInAPackage("dev.pizza.cache..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.eclipse.jgit.."));
  }

  @Test
  void pack_usesNeitherWalkNorTransport() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.pizza.jgit.internal.pack..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.pizza.jgit.internal.walk..", "dev.pizza.jgit.internal.transport.."));
  }

  @Test
  void pack_usesNoDiff() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.pizza.jgit.internal.pack..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.pizza.jgit.internal.diff.."));
  }

  @Test
  void diff_usesPackOnly_notWalkNorTransport() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.pizza.jgit.internal.diff..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.pizza.jgit.internal.walk..", "dev.pizza.jgit.internal.transport.."));
  }

  @Test
  void walkAndTransport_useNoDiff() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(
                "dev.pizza.jgit.internal.walk..", "dev.pizza.jgit.internal.transport..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.pizza.jgit.internal.diff.."));
  }

  @Test
  void transport_usesNeitherPackNorWalk() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.pizza.jgit.internal.transport..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.pizza.jgit.internal.pack..", "dev.pizza.jgit.internal.walk.."));
  }

  @Test
  void library_usesNoExample() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackages("dev.pizza.examples..", "dev.pizza.jdbc..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.pizza.examples..", "dev.pizza.jdbc.."));
  }

  @Test
  void jgitInternals_usedOnlyInsideJGitAdapter() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.pizza.jgit..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.pizza.jgit.internal.."));
  }
}
