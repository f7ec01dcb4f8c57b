package dev.vigil.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
    packages = {"dev.vigil.protocol", "dev.vigil.common"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class ProtocolArchitectureTest {

  @ArchTest
  static final ArchRule noCyclesBetweenTheProtocolsPackages =
      slices().matching("dev.vigil.protocol.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theCommonHelpersKnowNoProtocol =
      noClasses()
          .that()
          .resideInAPackage("dev.vigil.common..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.vigil.protocol..")
          .because("dev.vigil.common is what every module shares besides the protocol");

  @ArchTest
  static final ArchRule onlyTheSessionClientOwnsConnections =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.vigil.protocol.session..")
          // The JDK's trust manager interface names Socket in its signatures; it opens none.
          .and()
          .doNotHaveFullyQualifiedName("dev.vigil.protocol.tls.TlsContexts$PinningTrustManager")
          .should()
          .dependOnClassesThat()
          .haveNameMatching("java\\.net\\.(Server|Datagram)?Socket")
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching(
              "java\\.nio\\.channels\\.(Server)?SocketChannel|java\\.nio\\.channels\\.(DatagramChannel|Selector)")
          .because(
              "the agent's side of a session is dev.vigil.protocol.session, shared by the agent"
                  + " and the swarm; the console's listeners belong to the console");

  @ArchTest
  static final ArchRule noOtherProtocolPackageDependsOnTheSessionClient =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.vigil.protocol.session..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.vigil.protocol.session..")
          .because("frames, messages, datagrams and keys stand alone; the console uses them too");

  @ArchTest
  static final ArchRule onlyTheTlsAndSessionPackagesKnowTls =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.vigil.protocol.tls..", "dev.vigil.protocol.session..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javax.net..");

  @ArchTest
  static final ArchRule onlyTheTlsPackageMakesKeys =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.vigil.protocol.tls..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.bouncycastle..");
}
