package dev.vigil.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.vigil.console",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTest {

  @ArchTest
  static final ArchRule theManagerImportsNoJavaFx =
      noClasses()
          .that()
          .resideInAnyPackage("dev.vigil.console.manager..", "dev.vigil.console.headless..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..")
          .because("the manager also runs headless, on machines without a display");

  @ArchTest
  static final ArchRule theUiOpensNoSockets =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.console.ui..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javax.net..", "java.nio.channels..")
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching("java\\.net\\..*Socket.*")
          .because("network work belongs to the manager, off the FX thread");

  @ArchTest
  static final ArchRule theManagerDoesNotReachIntoItsFaces =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.console.manager..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.vigil.console.ui..", "dev.vigil.console.headless..");
}
