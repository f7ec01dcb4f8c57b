package dev.vigil.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = "dev.vigil.protocol",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {

  @ArchTest
  static final ArchRule protocolKnowsNoUiNoProbesNoSockets =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "org.controlsfx..", "oshi..", "java.net..", "javax.net..")
          .because("the protocol is shared by the agent and the console and owns no connection");
}
