package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Keeps {@code openapi.json} in step with the routes the router really registers. */
class OpenApiDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OPERATIONS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final String ANY = "*";

  @RegisterExtension static final RunningApi api = new RunningApi();

  private Vertx vertx;
  private PrometheusMeterRegistry registry;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @AfterEach
  void stop() {
    registry.close();
    vertx.close().await();
  }

  @Test
  void shouldDocumentEveryRouteTheRouterServesAndNothingElse() throws IOException {
    List<String> differences = differences(router(), document());

    assertThat(differences).as("routes and openapi.json disagree").isEmpty();
  }

  @Test
  void shouldNameARouteThatIsServedButNotDocumented() throws IOException {
    Router router = router();
    router.get("/api/v1/undocumented/:id").handler(ctx -> ctx.end());

    assertThat(differences(router, document()))
        .containsExactly("GET /api/v1/undocumented/{id} is served but not in openapi.json");
  }

  @Test
  void shouldNameARouteThatIsDocumentedButNotServed() throws IOException {
    JsonNode doc = document();
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("paths"))
        .putObject("/api/v1/ghosts")
        .putObject("get");

    assertThat(differences(router(), doc))
        .containsExactly("GET /api/v1/ghosts is in openapi.json but not served");
  }

  @Test
  void shouldResolveEveryReferenceOfTheDocument() throws IOException {
    JsonNode doc = document();
    List<String> refs = new ArrayList<>();
    doc.findValues("$ref").forEach(ref -> refs.add(ref.asText()));

    assertThat(refs).isNotEmpty();
    assertThat(refs)
        .allSatisfy(ref -> assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
  }

  @Test
  void shouldServeTheDocumentAsJson() throws IOException {
    HttpResponse<String> response = api.get("/api/v1/openapi.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue(Responses.JSON);
    assertThat(JSON.readTree(response.body())).isEqualTo(document());
  }

  private Router router() {
    FakePlatform platform = new FakePlatform();
    platform.reset();
    return ApiRouter.create(
        vertx,
        new ApiOptions("127.0.0.1", 0, RunningApi.MAX_BODY_BYTES),
        api.security().security(),
        platform.services(),
        registry,
        vertx.createHttpClient());
  }

  private static JsonNode document() throws IOException {
    return JSON.readTree(OpenApiRoutes.read());
  }

  /**
   * Every served path and method missing from the document, and every documented one not served.
   */
  static List<String> differences(Router router, JsonNode doc) {
    List<Served> served = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      Served s = Served.of(route);
      if (s != null) {
        served.add(s);
      }
    }
    Set<String> documented = new TreeSet<>();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        key -> {
                          if (OPERATIONS.contains(key)) {
                            documented.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    Set<String> differences = new TreeSet<>();
    for (Served route : served) {
      for (String method : route.methods()) {
        boolean described =
            documented.stream()
                .anyMatch(
                    d -> (method.equals(ANY) || d.startsWith(method + " ")) && route.serves(d));
        if (!described) {
          differences.add(method + " " + route.path() + " is served but not in openapi.json");
        }
      }
    }
    for (String operation : documented) {
      if (served.stream().noneMatch(route -> route.serves(operation))) {
        differences.add(operation + " is in openapi.json but not served");
      }
    }
    return new ArrayList<>(differences);
  }

  /**
   * One route: its methods ({@value #ANY} for all) and its path as an OpenAPI template, or as a
   * regular expression that documented paths must match.
   */
  private record Served(Set<String> methods, String path, Pattern regex) {

    static Served of(Route route) {
      // the name is the path as mounted; Vert.x keeps paths with parameters as regexes too
      String path = route.getName() != null ? route.getName() : route.getPath();
      if (path == null) {
        return null; // handlers of every request (metrics, failures), not a route of their own
      }
      Set<String> methods = new TreeSet<>();
      if (route.methods() == null || route.methods().isEmpty()) {
        methods.add(ANY);
      } else {
        route.methods().forEach(m -> methods.add(m.name()));
      }
      if (route.isRegexPath() && !path.contains("/:")) {
        return new Served(methods, path, Pattern.compile(path));
      }
      // a Vert.x path (/a/:name, /connect/* whose name may be the prefix /connect/) as a template
      String template = path.replaceAll("/:([A-Za-z0-9_]+)", "/{$1}");
      if (!route.isExactPath()) {
        template = template.replaceAll("/\\*?$", "/{path}");
      }
      return new Served(methods, template, null);
    }

    /** Whether this route serves a documented operation ({@code METHOD /path}). */
    boolean serves(String operation) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1);
      boolean pathMatches = regex == null ? this.path.equals(path) : regex.matcher(path).matches();
      return pathMatches && (methods.contains(ANY) || methods.contains(method));
    }
  }
}
