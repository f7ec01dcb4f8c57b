package dev.vigil.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The agent's shape; that it has no UI toolkit at all is a banned dependency in its POM. */
@AnalyzeClasses(packages = "dev.vigil.agent", importOptions = ImportOption.DoNotIncludeTests.class)
class AgentArchitectureTest {

  @ArchTest
  static final ArchRule onlyTheProbeKnowsOshi =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.vigil.agent.probe..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("oshi..")
          .because("OSHI stays behind Vigil's own SystemProbe interface");

  @ArchTest
  static final ArchRule noCyclesBetweenTheAgentsPackages =
      slices().matching("dev.vigil.agent.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theAgentsPartsDoNotKnowItsWiring =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.agent.(*)..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.vigil.agent.Agent")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("dev.vigil.agent.AgentMain")
          .because("Agent wires the parts and AgentMain reads the command line");
}
