package dev.railyard.api;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Kafka Connect REST routes the pass-through serves, matched on the decoded, normalised path
 * (the one that is then sent on, so what is checked is what Connect gets). Connect's internal
 * routes (task configs posted between workers, fencing) and anything unknown are not passed on.
 * Each route says whether its answer carries connector configs, which are masked.
 */
final class ConnectAllowlist {

  /** What an answer holds, for masking. */
  enum Shape {
    /** Nothing to mask. */
    PLAIN,
    /** {@code GET /connectors}: names, or with {@code ?expand=info} infos by name. */
    LIST,
    /** A connector's info: {@code {name, config, tasks, type}}. */
    INFO,
    /** A connector's config map. */
    CONFIG,
    /** Its tasks: {@code [{id, config}]}. */
    TASKS,
    /** The answer of a validation: {@code {configs: [{definition, value: {name, value}}]}}. */
    VALIDATION
  }

  /** One allowed route. */
  record Route(Set<HttpMethod> methods, Pattern path, Shape shape) {}

  private static final String NAME = "/connectors/[^/]+";
  private static final Set<HttpMethod> GET = Set.of(HttpMethod.GET, HttpMethod.HEAD);

  private static final List<Route> ROUTES =
      List.of(
          route(GET, "/?", Shape.PLAIN),
          route(GET, "/health", Shape.PLAIN),
          route(GET, "/connectors/?", Shape.LIST),
          route(Set.of(HttpMethod.POST), "/connectors/?", Shape.INFO),
          route(
              Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE), NAME + "/?", Shape.INFO),
          route(Set.of(HttpMethod.GET, HttpMethod.HEAD), NAME + "/config/?", Shape.CONFIG),
          route(Set.of(HttpMethod.PUT, HttpMethod.PATCH), NAME + "/config/?", Shape.INFO),
          route(GET, NAME + "/status/?", Shape.PLAIN),
          route(Set.of(HttpMethod.POST), NAME + "/restart/?", Shape.PLAIN),
          route(Set.of(HttpMethod.PUT), NAME + "/(pause|resume|stop)/?", Shape.PLAIN),
          route(GET, NAME + "/tasks/?", Shape.TASKS),
          route(GET, NAME + "/tasks/[0-9]+/status/?", Shape.PLAIN),
          route(Set.of(HttpMethod.POST), NAME + "/tasks/[0-9]+/restart/?", Shape.PLAIN),
          route(GET, NAME + "/topics/?", Shape.PLAIN),
          route(Set.of(HttpMethod.PUT), NAME + "/topics/reset/?", Shape.PLAIN),
          route(
              Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PATCH, HttpMethod.DELETE),
              NAME + "/offsets/?",
              Shape.PLAIN),
          route(GET, "/connector-plugins/?", Shape.PLAIN),
          route(GET, "/connector-plugins/[^/]+/config/?", Shape.PLAIN),
          route(
              Set.of(HttpMethod.PUT),
              "/connector-plugins/[^/]+/config/validate/?",
              Shape.VALIDATION),
          route(GET, "/admin/loggers/?", Shape.PLAIN),
          route(
              Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT),
              "/admin/loggers/[^/]+/?",
              Shape.PLAIN));

  private ConnectAllowlist() {}

  private static Route route(Set<HttpMethod> methods, String path, Shape shape) {
    return new Route(methods, Pattern.compile(path), shape);
  }

  /**
   * The allowed route a request falls under.
   *
   * @param path the decoded, normalised path after {@code /connect}
   */
  static Optional<Route> match(HttpMethod method, String path) {
    String p = path.isEmpty() ? "/" : path;
    return ROUTES.stream()
        .filter(r -> r.methods().contains(method) && r.path().matcher(p).matches())
        .findFirst();
  }

  /** Whether some allowed route has this path (then another method is 405, not 404). */
  static boolean knows(String path) {
    String p = path.isEmpty() ? "/" : path;
    return ROUTES.stream().anyMatch(r -> r.path().matcher(p).matches());
  }
}
