package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The AWS SDK's EventBridge client against a platform, signing with key pairs it issued. */
final class AwsClients {

  private AwsClients() {}

  /** A client signing with a new key pair of this role. */
  static EventBridgeClient client(ApiClient api, Platform platform, String role) {
    JsonNode issued = issue(api, role);
    return client(
        platform, issued.get("accessKeyId").asText(), issued.get("secretAccessKey").asText());
  }

  /** A client signing with this key pair, the endpoint overridden, as a user would set it. */
  static EventBridgeClient client(Platform platform, String keyId, String secret) {
    return EventBridgeClient.builder()
        .endpointOverride(URI.create(platform.apiUrl()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
        .build();
  }

  /** A new key pair of this role: {@code accessKeyId}, {@code secretAccessKey}, .... */
  static JsonNode issue(ApiClient api, String role) {
    ApiClient.Response issued =
        api.post(
            "/api/v1/tokens",
            "{\"name\": \"eb-"
                + UUID.randomUUID()
                + "\", \"role\": \""
                + role
                + "\", \"kind\": \"aws\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json();
  }
}
