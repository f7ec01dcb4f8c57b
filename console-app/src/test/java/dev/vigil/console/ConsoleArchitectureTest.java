package dev.vigil.console;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The console's shape: the manager knows no toolkit, the faces reach it only through its operator
 * API, and no two packages depend on each other.
 */
@AnalyzeClasses(
    packages = "dev.vigil.console",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTest {

  @ArchTest
  static final ArchRule theManagerImportsNoJavaFx =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.vigil.console.manager..",
              "dev.vigil.console.headless..",
              "dev.vigil.console.attach..")
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

  @ArchTest
  static final ArchRule facesReachTheManagerOnlyThroughItsOperatorApi =
      noClasses()
          .that()
          .resideInAnyPackage("dev.vigil.console.ui..", "dev.vigil.console.headless..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.vigil.console.manager..")
                  .and(resideOutsideOfPackage("dev.vigil.console.manager.api..")))
          .because(
              "a remote console will serve the same API over the network: what a face needs must"
                  + " be in it");

  @ArchTest
  static final ArchRule anAttachedConsoleReachesTheManagerOnlyThroughItsOperatorApi =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.console.attach..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.vigil.console.manager..")
                  .and(resideOutsideOfPackage("dev.vigil.console.manager.api..")))
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.vigil.console.ui..", "dev.vigil.console.headless..")
          .because(
              "the client speaks the operator channel, whose calls and records are the API's own;"
                  + " the faces use the client, not the other way round");

  @ArchTest
  static final ArchRule theOperatorChannelKnowsNoFace =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.vigil.console.manager.remote..", "dev.vigil.console.manager.operators..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.vigil.console.attach..", "dev.vigil.console");

  @ArchTest
  static final ArchRule theOperatorApiIsPlainRecordsOverTheProtocol =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.console.manager.api..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.vigil.console.manager",
              "dev.vigil.console.manager.alerts..",
              "dev.vigil.console.manager.commands..",
              "dev.vigil.console.manager.fleet..",
              "dev.vigil.console.manager.history..",
              "dev.vigil.console.manager.metrics..",
              "dev.vigil.console.manager.store..",
              "dev.vigil.console.manager.transport..",
              "dev.vigil.console.manager.trust..",
              "dev.vigil.console.manager.remote..",
              "dev.vigil.console.manager.operators..",
              "dev.vigil.console.manager.notify..")
          .because("its records cross the network to remote consoles: no live manager objects");

  @ArchTest
  static final ArchRule theManagersPartsDoNotKnowItsWiring =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.console.manager.(*)..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.vigil.console.manager")
          .because("ConsoleManager wires the parts; a part that reached back would form a cycle");

  @ArchTest
  static final ArchRule noCyclesBetweenTheManagersPackages =
      slices().matching("dev.vigil.console.manager.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noCyclesBetweenTheConsolesPackages =
      slices().matching("dev.vigil.console.(**)").should().beFreeOfCycles();
}
