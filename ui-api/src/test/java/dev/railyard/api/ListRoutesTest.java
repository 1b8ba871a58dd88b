package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.answers.ConnectorView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The filter and paging parameters of {@code GET /api/v1/connectors} and {@code GET /api/v1/rules}:
 * read and checked before the platform is asked, and a page answered as the array an unpaged call
 * answers, with the count of all in {@code X-Total-Count}.
 */
class ListRoutesTest {

  @RegisterExtension static final RunningApi api = new RunningApi();

  @Test
  void shouldPassTheFiltersAndThePageOfConnectorsToThePlatform() {
    // when the list is asked for with every parameter, the state in lower case
    HttpResponse<String> response =
        api.get("/api/v1/connectors?q=%20FileStream%20&state=failed&offset=40&limit=20");

    // then the platform gets them trimmed and normalised
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.platform().connectors.calls)
        .containsExactly(
            "list ConnectorQuery[text=FileStream, state=FAILED,"
                + " paging=Paging[offset=40, limit=20]]");
  }

  @Test
  void shouldAskForEveryConnectorWithoutParametersOrWithEmptyOnes() {
    api.get("/api/v1/connectors");
    api.get("/api/v1/connectors?q=&state=&limit=&offset=");

    assertThat(api.platform().connectors.calls).containsExactly("list", "list");
  }

  @Test
  void shouldAnswerAPageAsItsItemsWithTheTotalInAHeader() {
    // given a platform answering the third page of 512
    api.platform().connectors.reply =
        Outcome.ok(new Page<>(List.of(connector("sink-041")), 512, 40, 20));

    // when it is asked for
    HttpResponse<String> response = api.get("/api/v1/connectors?offset=40&limit=20");

    // then the body is the array an unpaged call answers, and the count of all is beside it
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Total-Count")).hasValue("512");
    JsonArray items = new JsonArray(response.body());
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("name")).isEqualTo("sink-041");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "limit=0          | limit  | 1 to 500, got 0",
        "limit=501        | limit  | 1 to 500, got 501",
        "limit=ten        | limit  | a whole number, got 'ten'",
        "offset=-1        | offset | 0 or more, got -1",
        "offset=1.5       | offset | a whole number, got '1.5'",
        "state=SLEEPING   | state  | one of RUNNING, PAUSED, STOPPED, FAILED, UNASSIGNED,"
            + " RESTARTING, got 'SLEEPING'",
      })
  void shouldRefuseABadConnectorParameterNamingItAndWhatWouldBeValid(
      String query, String parameter, String valid) {
    // when
    HttpResponse<String> response = api.get("/api/v1/connectors?" + query);

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject error = RunningApi.error(response);
    assertThat(error.getString("code")).isEqualTo("INVALID_PARAMETER");
    assertThat(error.getJsonObject("details").getString("parameter")).isEqualTo(parameter);
    assertThat(error.getString("message"))
        .isEqualTo("Parameter '" + parameter + "' must be " + valid);
    assertThat(api.platform().connectors.calls).isEmpty();
  }

  @Test
  void shouldRefuseATextFilterLongerThanTwoHundredCharacters() {
    HttpResponse<String> response = api.get("/api/v1/rules?q=" + "x".repeat(201));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(response).getString("message"))
        .isEqualTo("Parameter 'q' must be at most 200 characters, got 201");
    assertThat(api.platform().rules.calls).isEmpty();
  }

  @Test
  void shouldPassTheFiltersAndThePageOfRulesToThePlatform() {
    HttpResponse<String> response = api.get("/api/v1/rules?q=paid&bus=orders&limit=20");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(api.platform().rules.calls)
        .containsExactly(
            "list RuleQuery[text=paid, bus=orders, paging=Paging[offset=0, limit=20]]");
  }

  @Test
  void shouldRefuseABadRulePageBeforeAskingThePlatform() {
    HttpResponse<String> response = api.get("/api/v1/rules?offset=x");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RunningApi.error(response).getJsonObject("details").getString("parameter"))
        .isEqualTo("offset");
    assertThat(api.platform().rules.calls).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/api/v1/connectors, q state offset limit", "/api/v1/rules, q bus offset limit"})
  void shouldDocumentTheParametersTheRouteReads(String path, String parameters) throws IOException {
    JsonNode doc = new ObjectMapper().readTree(OpenApiRoutes.read());

    List<String> documented = new ArrayList<>();
    for (JsonNode parameter : doc.path("paths").path(path).path("get").path("parameters")) {
      JsonNode resolved =
          parameter.has("$ref") ? doc.at(parameter.get("$ref").asText().substring(1)) : parameter;
      documented.add(resolved.path("in").asText() + " " + resolved.path("name").asText());
    }

    assertThat(documented)
        .containsExactlyElementsOf(
            Arrays.stream(parameters.split(" ")).map(p -> "query " + p).toList());
  }

  private static ConnectorView connector(String name) {
    return new ConnectorView(
        name, "sink", "RUNNING", "w1", null, List.of(), Map.of("topics", "t"), Map.of());
  }
}
