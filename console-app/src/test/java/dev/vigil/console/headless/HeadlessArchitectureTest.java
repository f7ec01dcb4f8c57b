package dev.vigil.console.headless;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.vigil.console",
    importOptions = ImportOption.DoNotIncludeTests.class)
/** The headless console sees the manager only through its operator API. */
class HeadlessArchitectureTest {

  @ArchTest
  static final ArchRule theHeadlessConsoleUsesOnlyTheOperatorApi =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.console.headless..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.vigil.console..")
                  .and(
                      not(
                          resideInAnyPackage(
                              "dev.vigil.console.headless..", "dev.vigil.console.manager.api.."))))
          .because("a remote console will offer the same operator API and nothing more");
}
