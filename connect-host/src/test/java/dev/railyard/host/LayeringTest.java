package dev.railyard.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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
  private static final String CONNECTOR_SUPPORT = "dev.railyard.connectors.support..";

  /**
   * The modules of Railyard's own connectors, whose classes are not on this module's test class
   * path (connect-host depends on them as poms, for the build order): imported from their build
   * output, each named by a class it must hold, so that the rules never pass on nothing.
   */
  private static final Map<String, String> CONNECTOR_MODULES =
      Map.of(
          "connector-support", "dev.railyard.connectors.support.ConfigChecks",
          "sink-connectors/http-sink", "dev.railyard.sinks.http.HttpSinkConnector",
          "sink-connectors/log-sink", "dev.railyard.sinks.log.LogSinkConnector",
          "sink-connectors/kubernetes-job-sink",
              "dev.railyard.sinks.kubernetes.KubernetesJobSinkConnector",
          "source-connectors/log-source", "dev.railyard.sources.log.LogSourceConnector",
          "source-connectors/syslog-source", "dev.railyard.sources.syslog.SyslogSourceConnector",
          "source-connectors/kubernetes-source",
              "dev.railyard.sources.kubernetes.KubernetesSourceConnector");

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
    Set<Location> locations = new LinkedHashSet<>(Locations.ofPackage("dev.railyard"));
    for (String module : CONNECTOR_MODULES.keySet()) {
      Path classes = Path.of("..").resolve(module).resolve("target/classes");
      assertThat(classes)
          .as("the classes of %s; build with -am so that they are there", module)
          .isDirectory();
      locations.add(Location.of(classes.toAbsolutePath().normalize()));
    }
    railyard =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importLocations(locations);
  }

  @Test
  void shouldSeeTheClassesOfEveryConnectorModule() {
    for (String type : CONNECTOR_MODULES.values()) {
      assertThat(railyard.contain(type)).as(type).isTrue();
    }
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
            .resideInAnyPackage(CONNECTORS_SINKS, CONNECTORS_SOURCES, CONNECTOR_SUPPORT)
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
                    WORKER,
                    CONNECT_RUNTIME,
                    "io.vertx..",
                    "kafka.."))
            .because("a connector compiles against connect-api and the client of its system"));
  }

  @Test
  void shouldBuildTheConnectorsOnlyOnConnectApiConnectorSupportAndTheirSystemsClient() {
    check(
        classes()
            .that()
            .resideInAnyPackage(CONNECTORS_SINKS, CONNECTORS_SOURCES, CONNECTOR_SUPPORT)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                CONNECTORS_SINKS,
                CONNECTORS_SOURCES,
                CONNECTOR_SUPPORT,
                "java..",
                "javax.management..",
                "javax.net.ssl..",
                "org.apache.kafka.connect..",
                "org.apache.kafka.common..",
                "org.apache.kafka.clients..",
                "org.slf4j..",
                "com.fasterxml.jackson..",
                "io.fabric8..",
                "com.github.luben.zstd..")
            .because(
                "a connector plugin has connect-api, the clients, SLF4J and Jackson from the"
                    + " worker, and bundles connector-support and its system's client"));
  }

  @Test
  void shouldKeepEachConnectorModuleApartFromTheOthers() {
    check(slices().matching("dev.railyard.sinks.(*)..").should().notDependOnEachOther());
    check(slices().matching("dev.railyard.sources.(*)..").should().notDependOnEachOther());
    check(
        noClasses()
            .that()
            .resideInAPackage(CONNECTORS_SINKS)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(CONNECTORS_SOURCES)
            .because("each plugin archive is loaded apart: one connector cannot see another"));
    check(
        noClasses()
            .that()
            .resideInAPackage(CONNECTORS_SOURCES)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(CONNECTORS_SINKS)
            .because("each plugin archive is loaded apart: one connector cannot see another"));
    check(
        noClasses()
            .that()
            .resideInAPackage(CONNECTOR_SUPPORT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CONNECTORS_SINKS, CONNECTORS_SOURCES)
            .because("connector-support is below every connector, bundled by each"));
  }

  @Test
  void shouldKeepTheKubernetesClientToTheKubernetesConnectors() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(CONNECTORS_SINKS, CONNECTORS_SOURCES, CONNECTOR_SUPPORT)
            .and()
            .resideOutsideOfPackages(
                "dev.railyard.sinks.kubernetes..",
                "dev.railyard.sources.kubernetes..",
                "dev.railyard.connectors.support.kubernetes..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.fabric8..")
            .because("only the Kubernetes connectors bundle fabric8's client"));
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
