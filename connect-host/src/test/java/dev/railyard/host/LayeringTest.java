package dev.railyard.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of {@code docs/architecture.md}, checked on the main classes of every module
 * on this module's test class path (all of them but the benchmarks). A forbidden import fails the
 * build here, naming the class, the dependency and the rule.
 */
class LayeringTest {

  /** The rule language: a plain library (module routing-rules, all but its adapter package). */
  private static final String[] LANGUAGE = {
    "dev.railyard.rules.pattern..",
    "dev.railyard.rules.model..",
    "dev.railyard.rules.yaml..",
    "dev.railyard.rules.transform..",
    "dev.railyard.rules.cloudevents.."
  };

  /** The adapter of the rule language to Connect values (module routing-rules). */
  private static final String VALUES = "dev.railyard.rules.values..";

  /** The Connect plugins workers run (module router). */
  private static final String[] ROUTER = {
    "dev.railyard.rules.connect..",
    "dev.railyard.rules.delivery..",
    "dev.railyard.rules.stats..",
    "dev.railyard.rules.store..",
    "dev.railyard.rules.kafka.."
  };

  private static final String CONNECTORS_SINKS = "dev.railyard.sinks..";
  private static final String CONNECTORS_SOURCES = "dev.railyard.sources..";
  private static final String API = "dev.railyard.api..";
  private static final String HOST = "dev.railyard.host..";
  private static final String EMBEDDED = "dev.railyard.embedded..";
  private static final String AUTOSCALE = "dev.railyard.autoscale..";
  private static final String TESTING = "dev.railyard.testing..";
  private static final String WORKER = "dev.railyard.worker..";

  /** Kafka Connect's runtime: the worker's internals, never a plugin's or the language's. */
  private static final String CONNECT_RUNTIME = "org.apache.kafka.connect.runtime..";

  private static JavaClasses railyard;

  @BeforeAll
  static void importMainClasses() {
    railyard =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.railyard");
  }

  @Test
  void shouldKeepTheRuleLanguageFreeOfKafkaConnectAndTheRestOfRailyard() {
    check(
        classes()
            .that()
            .resideInAnyPackage(LANGUAGE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                concat(
                    LANGUAGE,
                    "java..",
                    "com.fasterxml.jackson..",
                    "org.snakeyaml.engine..",
                    "com.google.re2j.."))
            .because(
                "routing-rules is the plain rule language; Connect values go through rules.values"));
  }

  @Test
  void shouldKeepConnectTypesOfTheLanguageInItsOneAdapterPackage() {
    check(
        classes()
            .that()
            .resideInAPackage(VALUES)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                concat(LANGUAGE, VALUES, "java..", "org.apache.kafka.connect.data.."))
            .because("the adapter presents Connect data to the matcher and does nothing else"));
  }

  @Test
  void shouldBuildThePluginsOnTheLanguageAndConnectsPublicApiOnly() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(ROUTER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                HOST,
                API,
                EMBEDDED,
                AUTOSCALE,
                CONNECTORS_SINKS,
                CONNECTORS_SOURCES,
                TESTING,
                CONNECT_RUNTIME,
                "io.vertx..",
                "kafka..",
                "org.apache.kafka.server..")
            .because(
                "the router module is what workers load: Connect's API, the clients and rules"));
  }

  @Test
  void shouldKeepRailyardsConnectorsOnConnectApiAndTheirOwnSystem() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(CONNECTORS_SINKS, CONNECTORS_SOURCES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                concat(
                    LANGUAGE,
                    VALUES,
                    HOST,
                    API,
                    EMBEDDED,
                    AUTOSCALE,
                    TESTING,
                    CONNECT_RUNTIME,
                    "io.vertx..",
                    "kafka.."))
            .because("a connector compiles against connect-api and the client of its system"));
  }

  @Test
  void shouldLetTheApiReachThePlatformOnlyThroughItsOwnInterfaces() {
    check(
        noClasses()
            .that()
            .resideInAPackage(API)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                concat(
                    ROUTER,
                    LANGUAGE,
                    VALUES,
                    HOST,
                    EMBEDDED,
                    AUTOSCALE,
                    CONNECTORS_SINKS,
                    CONNECTORS_SOURCES,
                    "org.apache.kafka.."))
            .because("ui-api defines the typed platform interfaces; connect-host implements them"));
  }

  @Test
  void shouldKeepTheEmbeddedBrokerAndLauncherBelowTheHost() {
    check(
        noClasses()
            .that()
            .resideInAPackage(EMBEDDED)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(concat(ROUTER, LANGUAGE, HOST, API, AUTOSCALE))
            .because("the product and the test fixtures share the embedded module"));
  }

  @Test
  void shouldKeepAutoscaleApartFromTheHostTheApiAndThePlugins() {
    check(
        noClasses()
            .that()
            .resideInAPackage(AUTOSCALE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(concat(ROUTER, HOST, API, EMBEDDED, "io.vertx.."))
            .because("autoscale decides from snapshots and acts through its actuator interface"));
  }

  @Test
  void shouldKeepTheWorkersMainClassOnConnectAlone() {
    check(
        noClasses()
            .that()
            .resideInAPackage(WORKER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                concat(
                    LANGUAGE,
                    VALUES,
                    ROUTER,
                    HOST,
                    API,
                    EMBEDDED,
                    AUTOSCALE,
                    TESTING,
                    "io.vertx.."))
            .because("a worker JVM runs Connect; Railyard reaches it as plugins, not as its main"));
  }

  @Test
  void shouldLetNothingDependOnTheHost() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage(HOST)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(HOST)
            .because("connect-host wires everything together, so it sits on top"));
  }

  @Test
  void shouldLetNoProductCodeDependOnTheTestFixtures() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage(TESTING)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(TESTING));
  }

  @Test
  void shouldKeepTheRuleLanguagesPackagesFreeOfCycles() {
    check(slices().matching("dev.railyard.rules.(*)..").should().beFreeOfCycles());
  }

  private static void check(ArchRule rule) {
    rule.check(railyard);
  }

  private static String[] concat(Object... parts) {
    return java.util.Arrays.stream(parts)
        .flatMap(
            p ->
                p instanceof String[] a
                    ? java.util.Arrays.stream(a)
                    : java.util.stream.Stream.of((String) p))
        .toArray(String[]::new);
  }
}
