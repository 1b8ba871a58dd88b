package dev.railyard.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.AccessDeniedException;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The EventBridge API through the AWS SDK for Java v2's own client, pointed at Railyard with an
 * endpoint override and signing with a key pair Railyard issued.
 */
// events.max.entries as EventBridge has it (the test platforms raise it for other ITs)
@WithPlatform(workers = 1, settings = "events.max.entries=10")
class EventBridgeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAID =
      "{\"source\":[\"shop\"],\"detail-type\":[\"order.paid\"],"
          + "\"detail\":{\"amount\":[{\"numeric\":[\">\",100]}]}}";

  @Test
  void shouldRouteEventsPutWithTheSdkToTheTargetOfARuleItMade(
      ApiClient api, Platform platform, Path dataDir) throws Exception {
    // given a connector template, and a rule and target made with the SDK
    ApiClient.Response template =
        api.post(
            "/connect/connectors",
            """
        {"name": "eb-file", "initial_state": "STOPPED", "config": {"connector.class":
         "FileStreamSink", "topics": "eb-template-unused", "file": "%s"}}"""
                .formatted(dataDir.resolve("eb-paid.jsonl")));
    assertThat(template.status()).as(template.body()).isEqualTo(201);
    try (EventBridgeClient sdk = AwsClients.client(api, platform, "editor")) {
      String arn = sdk.putRule(r -> r.name("eb-paid").eventPattern(PAID)).ruleArn();
      var targets =
          sdk.putTargets(
              r ->
                  r.rule("eb-paid")
                      .targets(
                          Target.builder()
                              .id("file")
                              .arn("arn:railyard:connector:::eb-file")
                              .build()));

      // when three events are put, two of which match
      PutEventsResponse put =
          sdk.putEvents(r -> r.entries(entry("shop", 150), entry("shop", 5), entry("shop", 200)));

      // then all are written, and the two that match reach the target and are counted
      assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/eb-paid");
      assertThat(targets.failedEntryCount()).as(targets.toString()).isZero();
      assertThat(put.failedEntryCount()).as(put.toString()).isZero();
      assertThat(put.entries()).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());
      List<JsonNode> lines = RuleFixtures.awaitLines(dataDir.resolve("eb-paid.jsonl"), 2);
      assertThat(lines)
          .extracting(l -> l.path("data").path("amount").asInt())
          .containsExactlyInAnyOrder(150, 200);
      assertThat(lines.get(0).path("type").asText()).isEqualTo("order.paid");
      assertThat(lines.get(0).path("region").asText()).isEqualTo("us-east-1");
      await("the rule's target to count two delivered events")
          .atMost(Duration.ofSeconds(60))
          .until(() -> RuleFixtures.targetStats(api, "eb-paid", 0).path("delivered").asInt() == 2);
      JsonNode rule = api.get("/api/v1/rules/eb-paid").json();
      assertThat(rule.at("/document/spec/pattern/type").toString()).isEqualTo("[\"order.paid\"]");
      assertThat(rule.at("/document/spec/targets/0/connector").asText()).isEqualTo("eb-file");
    }
  }

  @Test
  void shouldGiveATargetTheInputOfItsInputTransformerAndListItBack(
      ApiClient api, Platform platform, Path dataDir) throws Exception {
    ApiClient.Response template =
        api.post(
            "/connect/connectors",
            """
        {"name": "eb-amounts", "initial_state": "STOPPED", "config": {"connector.class":
         "FileStreamSink", "topics": "eb-template-unused", "file": "%s"}}"""
                .formatted(dataDir.resolve("eb-amounts.jsonl")));
    assertThat(template.status()).as(template.body()).isEqualTo(201);
    try (EventBridgeClient sdk = AwsClients.client(api, platform, "editor")) {
      // given a rule whose target has an InputTransformer and a RetryPolicy
      sdk.putRule(r -> r.name("eb-amounts").eventPattern(PAID));
      Target put =
          Target.builder()
              .id("amounts")
              .arn("arn:railyard:connector:::eb-amounts")
              .retryPolicy(p -> p.maximumRetryAttempts(3).maximumEventAgeInSeconds(600))
              .inputTransformer(
                  t ->
                      t.inputPathsMap(Map.of("amount", "$.detail.amount"))
                          .inputTemplate(
                              "{\"amount\": <amount>, \"rule\": \"<aws.events.rule-name>\"}"))
              .build();
      var shaped = sdk.putTargets(r -> r.rule("eb-amounts").targets(put));
      // and a second target asking for another input on the same rule, refused
      var other =
          sdk.putTargets(
              r ->
                  r.rule("eb-amounts")
                      .targets(
                          Target.builder()
                              .id("whole")
                              .arn("arn:railyard:connector:::eb-amounts")
                              .build()));

      // when two matching events are put
      sdk.putEvents(r -> r.entries(entry("shop", 150), entry("shop", 200)));

      // then the target receives what the transformer makes of them, its policy is kept, and
      // ListTargetsByRule shows both in EventBridge's terms
      assertThat(shaped.failedEntryCount()).as(shaped.toString()).isZero();
      assertThat(other.failedEntries().get(0).errorMessage())
          .contains("targets [amounts] that receive another input");
      assertThat(RuleFixtures.awaitLines(dataDir.resolve("eb-amounts.jsonl"), 2))
          .map(JsonNode::toString)
          .containsExactlyInAnyOrder(
              "{\"amount\":150,\"rule\":\"eb-amounts\"}",
              "{\"amount\":200,\"rule\":\"eb-amounts\"}");
      assertThat(sdk.listTargetsByRule(r -> r.rule("eb-amounts")).targets()).containsExactly(put);
      JsonNode rule = api.get("/api/v1/rules/eb-amounts").json().path("document");
      assertThat(rule.at("/spec/transform/paths/amount").asText()).isEqualTo("$.data.amount");
      assertThat(rule.at("/spec/targets/0/retry/maxAttempts").asInt()).isEqualTo(3);
    }
  }

  @Test
  void shouldDescribeListDisableEnableAndDeleteARule(ApiClient api, Platform platform)
      throws Exception {
    try (EventBridgeClient sdk = AwsClients.client(api, platform, "editor")) {
      sdk.putRule(r -> r.name("eb-life").eventBusName("eb-orders").eventPattern(PAID));

      DescribeRuleResponse described =
          sdk.describeRule(r -> r.name("eb-life").eventBusName("eb-orders"));
      sdk.disableRule(r -> r.name("eb-life").eventBusName("eb-orders"));
      JsonNode disabled = api.get("/api/v1/rules/eb-life").json();
      RuleState afterDisable =
          sdk.describeRule(r -> r.name("eb-life").eventBusName("eb-orders")).state();
      sdk.enableRule(r -> r.name("eb-life").eventBusName("eb-orders"));

      assertThat(JSON.readTree(described.eventPattern())).isEqualTo(JSON.readTree(PAID));
      assertThat(described.state()).isEqualTo(RuleState.ENABLED);
      assertThat(described.arn())
          .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/eb-orders/eb-life");
      assertThat(afterDisable).isEqualTo(RuleState.DISABLED);
      assertThat(disabled.path("enabled").asBoolean()).isFalse();
      assertThat(sdk.describeRule(r -> r.name("eb-life").eventBusName("eb-orders")).state())
          .isEqualTo(RuleState.ENABLED);
      assertThat(sdk.listRules(r -> r.eventBusName("eb-orders")).rules())
          .extracting(r -> r.name())
          .containsExactly("eb-life");
      assertThat(sdk.listEventBuses(r -> r.namePrefix("eb-")).eventBuses())
          .extracting(b -> b.name())
          .containsExactly("eb-orders");
      assertThat(sdk.listTargetsByRule(r -> r.rule("eb-life").eventBusName("eb-orders")).targets())
          .isEmpty();

      sdk.deleteRule(r -> r.name("eb-life").eventBusName("eb-orders"));

      assertThat(api.get("/api/v1/rules/eb-life").status()).isEqualTo(404);
      assertThatThrownBy(() -> sdk.describeRule(r -> r.name("eb-life").eventBusName("eb-orders")))
          .isInstanceOf(ResourceNotFoundException.class);
    }
  }

  @Test
  void shouldCreateDescribeAndDeleteAnEventBus(ApiClient api, Platform platform) {
    try (EventBridgeClient sdk = AwsClients.client(api, platform, "editor")) {
      // when a bus is created, written to and read by a rule
      String arn = sdk.createEventBus(r -> r.name("eb-made")).eventBusArn();
      PutEventsResponse put =
          sdk.putEvents(
              r ->
                  r.entries(
                      PutEventsRequestEntry.builder()
                          .eventBusName("eb-made")
                          .source("shop")
                          .detailType("order.paid")
                          .detail("{\"id\": 1}")
                          .build()));
      sdk.putRule(r -> r.name("eb-made-rule").eventBusName("eb-made").eventPattern(PAID));

      // then it is there for the SDK and the API, and cannot go while the rule reads it
      assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/eb-made");
      assertThat(put.failedEntryCount()).isZero();
      assertThat(sdk.describeEventBus(r -> r.name("eb-made")).arn()).isEqualTo(arn);
      assertThatThrownBy(() -> sdk.createEventBus(r -> r.name("eb-made")))
          .isInstanceOf(ResourceAlreadyExistsException.class);
      assertThat(api.get("/api/v1/buses/eb-made").json().path("rules").toString())
          .contains("eb-made-rule");
      assertThatThrownBy(() -> sdk.deleteEventBus(r -> r.name("eb-made")))
          .hasMessageContaining("eb-made-rule");

      // and once the rule is gone, it is deleted with its events
      sdk.deleteRule(r -> r.name("eb-made-rule").eventBusName("eb-made"));
      sdk.deleteEventBus(r -> r.name("eb-made"));
      assertThatThrownBy(() -> sdk.describeEventBus(r -> r.name("eb-made")))
          .isInstanceOf(ResourceNotFoundException.class);
      assertThat(api.get("/api/v1/buses/eb-made").status()).isEqualTo(404);
    }
  }

  @Test
  void shouldAddAndRemoveTargetsAndRefuseDeletingARuleThatHasSome(
      ApiClient api, Platform platform, Path dataDir) {
    ApiClient.Response template =
        api.post(
            "/connect/connectors",
            """
        {"name": "eb-spare", "initial_state": "STOPPED", "config": {"connector.class":
         "FileStreamSink", "topics": "eb-template-unused", "file": "%s"}}"""
                .formatted(dataDir.resolve("eb-spare.jsonl")));
    assertThat(template.status()).as(template.body()).isEqualTo(201);
    try (EventBridgeClient sdk = AwsClients.client(api, platform, "editor")) {
      sdk.putRule(r -> r.name("eb-targets").eventPattern(PAID));

      var put =
          sdk.putTargets(
              r ->
                  r.rule("eb-targets")
                      .targets(
                          Target.builder()
                              .id("one")
                              .arn("arn:railyard:connector:::eb-spare")
                              .build(),
                          Target.builder()
                              .id("Bad_Id")
                              .arn("arn:railyard:connector:::eb-spare")
                              .build(),
                          Target.builder()
                              .id("two")
                              .arn("arn:aws:lambda:us-east-1:1:function:f")
                              .build()));
      var missing =
          sdk.putTargets(
              r ->
                  r.rule("eb-targets")
                      .targets(
                          Target.builder()
                              .id("three")
                              .arn("arn:railyard:connector:::nothing")
                              .build()));

      assertThat(put.failedEntryCount()).isEqualTo(2);
      assertThat(put.failedEntries())
          .extracting(f -> f.targetId())
          .containsExactly("Bad_Id", "two");
      assertThat(missing.failedEntries().get(0).errorMessage())
          .contains("'nothing' does not exist");
      assertThat(sdk.listTargetsByRule(r -> r.rule("eb-targets")).targets())
          .extracting(t -> t.id() + " " + t.arn())
          .containsExactly("one arn:railyard:connector:::eb-spare");
      assertThatThrownBy(() -> sdk.deleteRule(r -> r.name("eb-targets")))
          .isInstanceOfSatisfying(
              EventBridgeException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
          .hasMessageContaining("RemoveTargets first");

      sdk.removeTargets(r -> r.rule("eb-targets").ids("one"));
      sdk.deleteRule(r -> r.name("eb-targets"));

      assertThat(api.get("/api/v1/rules/eb-targets").status()).isEqualTo(404);
    }
  }

  @Test
  void shouldTestPatternsAgainstEventsInEventBridgesEnvelope(ApiClient api, Platform platform) {
    String event =
        "{\"id\":\"1\",\"source\":\"shop\",\"detail-type\":\"order.paid\",\"account\":\"1\","
            + "\"region\":\"us-east-1\",\"time\":\"2026-12-03T12:00:00Z\",\"resources\":[],"
            + "\"detail\":{\"amount\":%d}}";
    try (EventBridgeClient sdk = AwsClients.client(api, platform, "viewer")) {
      assertThat(
              sdk.testEventPattern(r -> r.eventPattern(PAID).event(event.formatted(150))).result())
          .isTrue();
      assertThat(sdk.testEventPattern(r -> r.eventPattern(PAID).event(event.formatted(5))).result())
          .isFalse();
      assertThatThrownBy(
              () ->
                  sdk.testEventPattern(
                      r ->
                          r.eventPattern("{\"detail\":{\"amount\":[{\"numeric\":[\">\"]}]}}")
                              .event(event.formatted(1))))
          .isInstanceOf(InvalidEventPatternException.class);
      assertThatThrownBy(() -> sdk.putRule(r -> r.name("eb-viewer").eventPattern(PAID)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("needs the editor role");
    }
  }

  @Test
  void shouldAnswerEachBadEntryAndRefuseTooManyEntries(ApiClient api, Platform platform) {
    try (EventBridgeClient sdk = AwsClients.client(api, platform, "publisher")) {
      PutEventsResponse put =
          sdk.putEvents(
              r ->
                  r.entries(
                      entry("shop", 1),
                      PutEventsRequestEntry.builder()
                          .source("shop")
                          .detailType("t")
                          .detail("[1")
                          .build(),
                      PutEventsRequestEntry.builder().source("shop").detail("{}").build()));
      List<PutEventsRequestEntry> eleven = new ArrayList<>();
      for (int i = 0; i < 11; i++) {
        eleven.add(entry("shop", i));
      }

      assertThat(put.failedEntryCount()).isEqualTo(2);
      assertThat(put.entries().get(0).eventId()).isNotBlank();
      assertThat(put.entries().get(1).errorCode()).isEqualTo("MalformedDetail");
      assertThat(put.entries().get(2).errorCode()).isEqualTo("InvalidArgument");
      assertThat(put.entries().get(2).errorMessage()).contains("DetailType is required");
      assertThatThrownBy(() -> sdk.putEvents(r -> r.entries(eleven)))
          .isInstanceOfSatisfying(
              EventBridgeException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
          .hasMessageContaining("1 to 10 entries");
    }
  }

  @Test
  void shouldRefuseUnsignedAndWronglySignedRequests(ApiClient api, Platform platform)
      throws Exception {
    JsonNode issued = AwsClients.issue(api, "editor");
    try (EventBridgeClient wrongSecret =
            AwsClients.client(
                platform,
                issued.get("accessKeyId").asText(),
                "x" + issued.get("secretAccessKey").asText());
        EventBridgeClient unknownKey =
            AwsClients.client(
                platform, "RYAKAAAAAAAAAAAAAAAA", issued.get("secretAccessKey").asText())) {
      HttpResponse<String> unsigned =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(platform.apiUrl() + "/"))
                      .header("X-Amz-Target", "AWSEvents.ListRules")
                      .header("Content-Type", "application/x-amz-json-1.1")
                      .POST(HttpRequest.BodyPublishers.ofString("{}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(errorCode(() -> wrongSecret.listRules(r -> {})))
          .isEqualTo("InvalidSignatureException");
      assertThat(errorCode(() -> unknownKey.listRules(r -> {})))
          .isEqualTo("UnrecognizedClientException");
      assertThat(unsigned.statusCode()).isEqualTo(403);
      assertThat(JSON.readTree(unsigned.body()).path("__type").asText())
          .isEqualTo("MissingAuthenticationTokenException");
      assertThat(unsigned.body()).doesNotContain(issued.get("secretAccessKey").asText());
      assertThat(api.get("/api/v1/tokens").body())
          .contains(issued.get("accessKeyId").asText())
          .doesNotContain(issued.get("secretAccessKey").asText());
    }
  }

  private static String errorCode(Runnable call) {
    try {
      call.run();
      throw new AssertionError("the call was not refused");
    } catch (EventBridgeException e) {
      return e.awsErrorDetails().errorCode();
    }
  }

  private static PutEventsRequestEntry entry(String source, int amount) {
    return PutEventsRequestEntry.builder()
        .source(source)
        .detailType("order.paid")
        .detail("{\"amount\": " + amount + "}")
        .build();
  }
}
