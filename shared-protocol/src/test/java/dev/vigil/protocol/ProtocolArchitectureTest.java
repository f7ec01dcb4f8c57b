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
  static final ArchRule protocolKnowsNoUiAndNoProbes =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "org.controlsfx..", "oshi..")
          .because("the protocol is shared by the agent and the console");

  @ArchTest
  static final ArchRule protocolOwnsNoConnection =
      noClasses()
          .that()
          // The JDK's trust manager interface names Socket in its signatures; it opens none.
          .doNotHaveFullyQualifiedName("dev.vigil.protocol.tls.TlsContexts$PinningTrustManager")
          .should()
          .dependOnClassesThat()
          .haveNameMatching("java\\.net\\.(Server|Datagram)?Socket")
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching(
              "java\\.nio\\.channels\\.(Server)?SocketChannel|java\\.nio\\.channels\\.(DatagramChannel|Selector)")
          .because("sessions and listeners belong to the agent and the console");

  @ArchTest
  static final ArchRule onlyTheTlsPackageKnowsTls =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.vigil.protocol.tls..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javax.net..", "org.bouncycastle..");
}
