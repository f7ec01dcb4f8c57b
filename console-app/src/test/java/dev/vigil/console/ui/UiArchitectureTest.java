package dev.vigil.console.ui;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The window's shape: its parts are leaves over the shared root, and it sees only the api. */
@AnalyzeClasses(
    packages = "dev.vigil.console.ui",
    importOptions = ImportOption.DoNotIncludeTests.class)
class UiArchitectureTest {

  @ArchTest
  static final ArchRule thePartsOfTheWindowHaveNoCycles =
      slices()
          .matching("dev.vigil.console.ui.(*)..")
          .should()
          .beFreeOfCycles()
          .because("each part may use the shared root and parts below it, never one that uses it");

  @ArchTest
  static final ArchRule thePartsDoNotReachBackIntoTheWindow =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.console.ui.*..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.vigil.console.ui.ConsoleWindow")
          .because("the window assembles its parts; a part that knows the window is not a part");

  @ArchTest
  static final ArchRule theWindowReachesTheManagerOnlyThroughItsApi =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.console.ui..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.vigil.console.manager..")
                  .and(not(resideInAPackage("dev.vigil.console.manager.api"))))
          .because("the window talks to the manager through FleetActions and plain api records");
}
