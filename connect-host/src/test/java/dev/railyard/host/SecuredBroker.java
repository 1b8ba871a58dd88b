package dev.railyard.host;

import dev.railyard.embedded.broker.EmbeddedBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft broker in this JVM whose only client listener requires SASL/SCRAM-SHA-512
 * over TLS, as a secured production cluster would: a self-signed certificate for 127.0.0.1 made
 * with the JDK's keytool, and two SCRAM users written into the storage when it is formatted (the
 * {@code kafka-storage format --add-scram} way): {@code admin}, which the broker itself uses, and
 * {@value #USER}, for Railyard. The controller listener is plaintext on loopback, as a controller's
 * is on many clusters; no client is given it. Not thread-safe for start/close.
 */
final class SecuredBroker implements AutoCloseable {

  static final String USER = "railyard";
  static final String MECHANISM = "SCRAM-SHA-512";
  private static final int NODE_ID = 1;
  private static final String LISTENER = "SASL_SSL";
  private static final String CONTROLLER = "CONTROLLER";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path truststore;
  private final String storePassword;
  private final String password;

  private SecuredBroker(
      KafkaRaftServer server,
      String bootstrapServers,
      Path truststore,
      String storePassword,
      String password) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.truststore = truststore;
    this.storePassword = storePassword;
    this.password = password;
  }

  /** Makes the certificates, formats the storage under {@code dir} and starts the broker. */
  static SecuredBroker start(Path dir) throws Exception {
    String storePassword = "store-" + UUID.randomUUID();
    String adminPassword = "admin-" + UUID.randomUUID();
    String password = "railyard-" + UUID.randomUUID();
    Path keystore = dir.resolve("broker.p12");
    Path truststore = dir.resolve("truststore.p12");
    Files.createDirectories(dir);
    certificates(dir, keystore, truststore, storePassword);

    int port = EmbeddedBroker.freePort("127.0.0.1");
    int controllerPort = EmbeddedBroker.freePort("127.0.0.1");
    while (controllerPort == port) {
      controllerPort = EmbeddedBroker.freePort("127.0.0.1");
    }
    Path logDir = dir.resolve("kafka");
    // the embedded broker's single-node settings, with its plaintext listener made SASL_SSL
    Properties p = EmbeddedBroker.brokerProperties(logDir, "127.0.0.1", port, controllerPort);
    p.put(
        "listeners",
        LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", LISTENER + "://127.0.0.1:" + port);
    p.put("controller.listener.names", CONTROLLER);
    p.put("inter.broker.listener.name", LISTENER);
    p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    p.put("sasl.enabled.mechanisms", MECHANISM);
    p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas("admin", adminPassword));
    p.put("ssl.keystore.location", keystore.toString());
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.password", storePassword);
    p.put("ssl.key.password", storePassword);
    p.put("ssl.truststore.location", truststore.toString());
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.password", storePassword);
    KafkaConfig config = KafkaConfig.fromProps(p, false);

    Files.createDirectories(logDir);
    new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(Uuid.randomUuid().toString())
        .setDirectories(List.of(logDir.toString()))
        .setMetadataLogDirectory(logDir.toString())
        .setControllerListenerName(CONTROLLER)
        .setReleaseVersion(MetadataVersion.latestProduction())
        .setScramArguments(List.of(scram("admin", adminPassword), scram(USER, password)))
        .run();

    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    SecuredBroker broker =
        new SecuredBroker(server, "127.0.0.1:" + port, truststore, storePassword, password);
    server.startup();
    try (Admin admin = Admin.create(broker.clientSettings(USER, password))) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** The settings of {@code railyard up} for this cluster, as a user would write them. */
  Map<String, String> railyardSettings() {
    Map<String, String> s = new HashMap<>();
    s.put("bootstrap.servers", bootstrapServers);
    clientSettings(USER, password).forEach((k, v) -> s.put("kafka." + k, String.valueOf(v)));
    s.remove("kafka.bootstrap.servers");
    return s;
  }

  /** Client settings of {@code user} with {@code password}, right or wrong. */
  Map<String, Object> clientSettings(String user, String password) {
    Map<String, Object> s = new HashMap<>(tlsOnly());
    s.put("security.protocol", LISTENER);
    s.put("sasl.mechanism", MECHANISM);
    s.put("sasl.jaas.config", jaas(user, password));
    return s;
  }

  /** Settings of a client that trusts the broker's certificate but has no credentials. */
  Map<String, Object> tlsOnly() {
    Map<String, Object> s = new HashMap<>();
    s.put("bootstrap.servers", bootstrapServers);
    s.put("ssl.truststore.location", truststore.toString());
    s.put("ssl.truststore.type", "PKCS12");
    s.put("ssl.truststore.password", storePassword);
    return s;
  }

  /** Railyard's password: it must appear nowhere a connector config or a log line shows. */
  String password() {
    return password;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static String scram(String user, String password) {
    return MECHANISM + "=[name=" + user + ",password=" + password + "]";
  }

  /** A key pair for 127.0.0.1 and a truststore holding its certificate, by the JDK's keytool. */
  private static void certificates(Path dir, Path keystore, Path truststore, String password)
      throws IOException, InterruptedException {
    Path certificate = dir.resolve("broker.crt");
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=127.0.0.1",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password,
        "-keypass",
        password);
    keytool(
        dir,
        "-exportcert",
        "-alias",
        "broker",
        "-rfc",
        "-file",
        certificate.toString(),
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password);
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        certificate.toString(),
        "-keystore",
        truststore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        password);
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Path output = dir.resolve("keytool.out");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "keytool " + args[0] + " failed: " + Files.readString(output, StandardCharsets.UTF_8));
    }
  }
}
