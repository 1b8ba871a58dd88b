package dev.railyard.api;

import dev.railyard.api.platform.ConnectorQuery;
import dev.railyard.api.platform.Paging;
import dev.railyard.api.platform.RuleQuery;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The filter and paging parameters of the list routes ({@code q}, {@code state}, {@code bus},
 * {@code offset}, {@code limit}), read into the platform's queries before the platform is asked. A
 * bad one is a 400 {@code INVALID_PARAMETER} naming it and what would be valid; an absent or empty
 * one filters nothing, and without {@code limit} the list is whole. Stateless.
 */
final class ListParams {

  private ListParams() {}

  static ConnectorQuery connectors(RoutingContext ctx) {
    return read(() -> new ConnectorQuery(value(ctx, "q"), value(ctx, "state"), paging(ctx)));
  }

  static RuleQuery rules(RoutingContext ctx) {
    return read(() -> new RuleQuery(value(ctx, "q"), value(ctx, "bus"), paging(ctx)));
  }

  private static Paging paging(RoutingContext ctx) {
    Integer offset = number(ctx, "offset");
    return new Paging(offset == null ? 0 : offset, number(ctx, "limit"));
  }

  private static Integer number(RoutingContext ctx, String name) {
    String value = value(ctx, name);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": a whole number, got '" + value + "'");
    }
  }

  private static String value(RoutingContext ctx, String name) {
    return ctx.queryParams().get(name);
  }

  // the queries' messages start with the parameter they refuse: "limit: 1 to 500, got 0"
  private static <T> T read(Supplier<T> query) {
    try {
      return query.get();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      int colon = message.indexOf(':');
      String parameter = message.substring(0, colon);
      throw ApiException.badRequest(
          "INVALID_PARAMETER",
          "Parameter '" + parameter + "' must be" + message.substring(colon + 1),
          Map.of("parameter", parameter));
    }
  }
}
