package io.quartermaster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape of the main code, read from its class files: packages depend on each other in one
 * direction only (the orders never reach back into the pools they serve, the engine never into its
 * providers), and the engine knows nothing of HTTP.
 */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.quartermaster");

  @Test
  void theMainCodeIsWhatIsChecked() {
    assertTrue(MAIN.containPackage("io.quartermaster.engine.webhook"), MAIN::toString);
    assertTrue(MAIN.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")));
  }

  @Test
  void noPackageDependsOnAPackageThatDependsOnIt() {
    // (**) makes each package, subpackages included, a slice of its own: engine and
    // engine.webhook are two slices, and a cycle between them fails as any other.
    slices().matching("io.quartermaster.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theEngineKnowsNoHttpTypes() {
    noClasses()
        .that()
        .resideInAPackage("io.quartermaster.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quartermaster.http..", "io.helidon.webserver..", "io.helidon.http..")
        .check(MAIN);
  }

  @Test
  void theClientTalksToTheServiceOverHttpOnly() {
    // No server code, no database: the client shares only the signing rules with the server.
    noClasses()
        .that()
        .resideInAPackage("io.quartermaster.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quartermaster.app..",
            "io.quartermaster.db..",
            "io.quartermaster.engine..",
            "io.quartermaster.error..",
            "io.quartermaster.flavor..",
            "io.quartermaster.http..",
            "io.quartermaster.identity..",
            "io.quartermaster.order..",
            "io.quartermaster.pool..",
            "io.helidon..",
            "org.jdbi..",
            "org.postgresql..")
        .check(MAIN);
  }
}
