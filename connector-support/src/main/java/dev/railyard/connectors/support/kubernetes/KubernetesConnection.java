package dev.railyard.connectors.support.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * How a Kubernetes connector reaches the API server (both Railyard's Kubernetes connectors use it):
 * the keys that say so, and the fabric8 client they make. Without {@value #MASTER_URL_CONFIG} the
 * client configures itself as fabric8 does: the pod's service account inside a cluster, else the
 * kubeconfig. Immutable.
 */
public final class KubernetesConnection {

  public static final String MASTER_URL_CONFIG = "kubernetes.master.url";
  public static final String MASTER_URL_DOC =
      "The API server's URL, for example https://k8s.example.com:6443. Empty (the default): the"
          + " pod's service account when the worker runs in a cluster (its token, CA and"
          + " namespace), else the worker's kubeconfig.";

  public static final String TOKEN_CONFIG = "kubernetes.token";
  public static final String TOKEN_DOC =
      "The bearer token the connector authenticates with, for example a service account's"
          + " token. A password: masked in every answer. Unset: the service account's token (or"
          + " the kubeconfig's credentials) without "
          + MASTER_URL_CONFIG
          + ", none with it.";

  public static final String CA_CERT_FILE_CONFIG = "kubernetes.ca.cert.file";
  public static final String CA_CERT_FILE_DOC =
      "A PEM file, on the workers, of the certificate authority the API server's certificate is"
          + " checked against. Empty (the default): the service account's CA, or the JDK's.";

  public static final String TRUST_CERTS_CONFIG = "kubernetes.trust.certs";
  public static final String TRUST_CERTS_DOC =
      "true to accept any certificate and host name from the API server (test clusters only);"
          + " false (the default) checks them.";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private final String masterUrl;
  private final Password token;
  private final String caCertFile;
  private final boolean trustCerts;

  public KubernetesConnection(AbstractConfig config) {
    this.masterUrl = config.getString(MASTER_URL_CONFIG).strip();
    this.token = config.getPassword(TOKEN_CONFIG);
    this.caCertFile = config.getString(CA_CERT_FILE_CONFIG).strip();
    this.trustCerts = config.getBoolean(TRUST_CERTS_CONFIG);
  }

  public static ConfigDef define(ConfigDef def) {
    return def.define(
            MASTER_URL_CONFIG,
            Type.STRING,
            "",
            KubernetesConnection::checkUrl,
            Importance.HIGH,
            MASTER_URL_DOC)
        .define(
            TOKEN_CONFIG,
            Type.PASSWORD,
            null,
            (name, value) -> {
              if (value instanceof Password p && !p.value().matches("[\\x21-\\x7e]+")) {
                // a secret: say what is wrong without repeating it
                throw new ConfigException(
                    name + " must be one token of printable characters without spaces");
              }
            },
            Importance.HIGH,
            TOKEN_DOC)
        .define(
            CA_CERT_FILE_CONFIG,
            Type.STRING,
            "",
            (name, value) -> {
              String file = ((String) value).strip();
              if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
                throw new ConfigException(
                    name, value, "must be a readable PEM file on the workers, or empty");
              }
            },
            Importance.MEDIUM,
            CA_CERT_FILE_DOC)
        .define(
            TRUST_CERTS_CONFIG,
            Type.BOOLEAN,
            false,
            (name, value) -> {},
            Importance.LOW,
            TRUST_CERTS_DOC);
  }

  /** The URL events name as their source: the master URL, or fabric8's own choice. */
  public String url(KubernetesClient client) {
    return client.getConfiguration().getMasterUrl().replaceAll("/+$", "");
  }

  public KubernetesClient client() {
    Config base =
        masterUrl.isEmpty()
            ? Config.autoConfigure(null)
            : new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).build();
    ConfigBuilder config = new ConfigBuilder(base);
    if (token != null) {
      config.withOauthToken(token.value());
    }
    if (!caCertFile.isEmpty()) {
      config.withCaCertFile(caCertFile);
    }
    if (trustCerts) {
      config.withTrustCerts(true).withDisableHostnameVerification(true);
    }
    return new KubernetesClientBuilder().withConfig(config.build()).build();
  }

  public static boolean isDnsLabel(String s) {
    return s != null && s.length() <= 63 && DNS_LABEL.matcher(s).matches();
  }

  private static void checkUrl(String name, Object value) {
    String url = ((String) value).strip();
    if (url.isEmpty()) {
      return;
    }
    String expected =
        "must be the API server's absolute http:// or https:// URL, such as"
            + " https://k8s.example.com:6443, or empty for the service account";
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new ConfigException(name, value, expected);
      }
    } catch (URISyntaxException e) {
      throw new ConfigException(name, value, expected);
    }
  }
}
