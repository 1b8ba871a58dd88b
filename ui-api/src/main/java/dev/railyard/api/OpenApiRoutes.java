package dev.railyard.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.api.security.AccessPolicy;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 document of every route this server answers,
 * kept in step with the router by {@code OpenApiDocumentTest}. Read once from the class path.
 */
final class OpenApiRoutes {

  static final String PATH = "/api/v1/openapi.json";
  static final String RESOURCE = "/dev/railyard/api/openapi.json";

  private final Buffer document = Buffer.buffer(read());

  void mount(Router router) {
    router
        .get(PATH)
        .handler(RequestObserver.route(PATH))
        .handler(
            ctx ->
                ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, Responses.JSON).end(document));
  }

  /** The access each route needs, as the document's {@code x-railyard-role} says. */
  static AccessPolicy policy() {
    try {
      return AccessPolicy.of(new ObjectMapper().readTree(read()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
