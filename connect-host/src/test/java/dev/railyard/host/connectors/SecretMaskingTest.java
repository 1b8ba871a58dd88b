package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretMaskingTest {

  @ParameterizedTest
  @CsvSource({
    "database.password, true",
    "ssl.keystore.password, true",
    "aws.secret.access.key, true",
    "api.token, true",
    "sasl.jaas.config.credentials, true",
    "my_apikey, true",
    "private-key, true",
    "http.authorization, true",
    "key.converter, false",
    "primary.key.fields, false",
    "topics, false",
    "key.ignore, false",
    "tokenizer.mode, false"
  })
  void shouldRecognizeSecretNames(String key, boolean secret) {
    assertThat(SecretMasking.isSecretName(key)).isEqualTo(secret);
  }

  @Test
  void shouldMaskNamedAndDeclaredSecretsButNotProviderReferences() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("connection.password", "hunter2");
    config.put("flaky.pass", "declared");
    config.put("db.password", "${file:/run/secrets/db.properties:password}");
    config.put("topics", "orders");
    config.put("empty.password", "");

    Map<String, String> masked = SecretMasking.mask(config, Set.of("flaky.pass"));

    assertThat(masked)
        .containsExactly(
            Map.entry("connection.password", SecretMasking.MASK),
            Map.entry("flaky.pass", SecretMasking.MASK),
            Map.entry("db.password", "${file:/run/secrets/db.properties:password}"),
            Map.entry("topics", "orders"),
            Map.entry("empty.password", ""));
  }
}
