package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.security.Role;
import dev.railyard.api.security.TokenStore;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The EventBridge API's routing at {@code POST /}: signed calls reach the platform in the
 * CloudEvent form, anything else is refused in AWS's shape before the platform is asked, and a
 * {@code POST /} without {@code X-Amz-Target} is left to the routes behind. The requests are signed
 * here by a signer of the test's own; EventBridgeIT signs with the AWS SDK.
 */
class EventBridgeRoutesTest {

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final String PUT =
      "{\"Entries\":[{\"Source\":\"shop\",\"DetailType\":\"order.paid\",\"Detail\":\"{\\\"id\\\":1}\"}]}";

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldPutASignedEntryOnItsBusAsACloudEvent() {
    TokenStore.Issued key = key("eb-publisher", Role.PUBLISHER);

    HttpResponse<String> answer = call("PutEvents", PUT, key, key.secret());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
    assertThat(new JsonObject(answer.body()).getInteger("FailedEntryCount")).isZero();
    assertThat(api.platform().events.received)
        .singleElement()
        .satisfies(
            entries ->
                assertThat(entries.get(0))
                    .containsEntry("bus", "default")
                    .containsEntry("type", "order.paid")
                    .containsEntry("source", "shop")
                    .containsEntry("data", Map.of("id", 1)));
  }

  @Test
  void shouldRefuseAWrongSignatureAndAWeakRoleWithoutAskingThePlatform() {
    TokenStore.Issued publisher = key("eb-wrong", Role.PUBLISHER);
    TokenStore.Issued viewer = key("eb-viewer", Role.VIEWER);

    HttpResponse<String> wrong = call("PutEvents", PUT, publisher, publisher.secret() + "x");
    HttpResponse<String> weak = call("PutEvents", PUT, viewer, viewer.secret());

    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(wrong.body()).getString("__type"))
        .isEqualTo("InvalidSignatureException");
    assertThat(wrong.body()).doesNotContain(publisher.secret());
    assertThat(new JsonObject(weak.body()).getString("__type")).isEqualTo("AccessDeniedException");
    assertThat(new JsonObject(weak.body()).getString("message"))
        .contains("needs the publisher role");
    assertThat(api.platform().events.received).isEmpty();
  }

  @Test
  void shouldNameTheOperationsOfAnUnknownTarget() {
    TokenStore.Issued key = key("eb-unknown", Role.ADMIN);

    HttpResponse<String> answer = call("StartReplay", "{}", key, key.secret());

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonObject error = new JsonObject(answer.body());
    assertThat(error.getString("__type")).isEqualTo("UnknownOperationException");
    assertThat(error.getString("message")).contains("AWSEvents.StartReplay").contains("PutRule");
  }

  @Test
  void shouldCreateDescribeListAndDeleteAnEventBus() {
    TokenStore.Issued key = key("eb-buses", Role.EDITOR);

    // when a bus is created twice
    HttpResponse<String> created =
        call("CreateEventBus", "{\"Name\":\"orders\"}", key, key.secret());
    HttpResponse<String> again = call("CreateEventBus", "{\"Name\":\"orders\"}", key, key.secret());

    // then it was made once, and is described and listed
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(new JsonObject(created.body()).getString("EventBusArn"))
        .isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/orders");
    assertThat(new JsonObject(again.body()).getString("__type"))
        .isEqualTo("ResourceAlreadyExistsException");
    HttpResponse<String> described =
        call("DescribeEventBus", "{\"Name\":\"orders\"}", key, key.secret());
    assertThat(new JsonObject(described.body()).getString("Name")).isEqualTo("orders");
    HttpResponse<String> listed = call("ListEventBuses", "{}", key, key.secret());
    assertThat(new JsonObject(listed.body()).getJsonArray("EventBuses").size()).isEqualTo(2);

    // and it is deleted, while the default bus is not
    HttpResponse<String> deleted =
        call("DeleteEventBus", "{\"Name\":\"orders\"}", key, key.secret());
    HttpResponse<String> kept = call("DeleteEventBus", "{\"Name\":\"default\"}", key, key.secret());
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(api.platform().buses.buses).containsOnlyKeys("default");
    assertThat(new JsonObject(kept.body()).getString("__type")).isEqualTo("ValidationException");
    HttpResponse<String> gone =
        call("DescribeEventBus", "{\"Name\":\"orders\"}", key, key.secret());
    assertThat(new JsonObject(gone.body()).getString("__type"))
        .isEqualTo("ResourceNotFoundException");
  }

  @Test
  void shouldLeaveAPostToTheRootWithoutATargetToTheRoutesBehind() {
    HttpResponse<String> plain = api.sendJson("POST", "/", "{}");
    HttpResponse<String> anonymous =
        api.exchange(
            api.anonymous("/").POST(BodyPublishers.ofString("{}")), BodyHandlers.ofString());

    assertThat(plain.statusCode()).isIn(404, 405);
    assertThat(plain.body()).doesNotContain("__type");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(api.get("/").statusCode()).isEqualTo(200);
  }

  private static TokenStore.Issued key(String name, Role role) {
    return api.security().security().tokens().createKeyPair(name, role, Set.of());
  }

  private static HttpResponse<String> call(
      String operation, String body, TokenStore.Issued key, String secret) {
    String host = api.url("/").replaceFirst("^http://", "").replaceFirst("/$", "");
    String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
    String date = amzDate.substring(0, 8);
    String target = "AWSEvents." + operation;
    String canonical =
        "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:"
            + host
            + "\nx-amz-date:"
            + amzDate
            + "\nx-amz-target:"
            + target
            + "\n\ncontent-type;host;x-amz-date;x-amz-target\n"
            + hex(sha256(body));
    String scope = date + "/us-east-1/events/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
    byte[] signing = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
    for (String part : scope.split("/")) {
      signing = hmac(signing, part);
    }
    HttpRequest.Builder request =
        api.anonymous("/")
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Date", amzDate)
            .header("X-Amz-Target", target)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential="
                    + key.token().accessKeyId()
                    + "/"
                    + scope
                    + ", SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
                    + hex(hmac(signing, toSign)))
            .POST(BodyPublishers.ofString(body));
    return api.exchange(request, BodyHandlers.ofString());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
