package dev.railyard.host.connectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.railyard.api.platform.ConnectorRequest;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.Outcome.Kind;
import dev.railyard.api.platform.answers.ConnectorApplied;
import dev.railyard.api.platform.answers.ConnectorView;
import dev.railyard.api.platform.answers.ImportedConnectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * All connector configs as a YAML document stream, one {@code {name, initial_state, config}}
 * document per connector, and back. Import validates every document before it applies any: a stream
 * with one bad connector changes nothing. Thread-safe.
 */
final class ConnectorYaml {

  private static final ObjectMapper YAML =
      new ObjectMapper(
              new YAMLFactory()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private final ConnectorService service;
  private final ConnectorViews views;

  ConnectorYaml(ConnectorService service, ConnectorViews views) {
    this.service = service;
    this.views = views;
  }

  CompletableFuture<String> export() {
    return views
        .all()
        .thenApply(
            all -> {
              StringBuilder out =
                  new StringBuilder(
                      "# Railyard connectors; secrets are masked as "
                          + SecretMasking.MASK
                          + " (an import keeps the running value)\n");
              for (ConnectorView view : all) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("name", view.name());
                doc.put(
                    "initial_state",
                    "STOPPED".equals(view.state()) || "PAUSED".equals(view.state())
                        ? view.state()
                        : "RUNNING");
                doc.put("config", view.config());
                out.append("---\n").append(write(doc));
              }
              return out.toString();
            });
  }

  CompletableFuture<Outcome<ImportedConnectors>> importAll(String text) {
    List<Document> documents = new ArrayList<>();
    String problem = read(text, documents);
    if (problem != null) {
      return ConnectorService.done(Outcome.refused(Kind.INVALID, "INVALID_YAML", problem, null));
    }
    List<CompletableFuture<Outcome.Refused<ConnectorApplied>>> checks = new ArrayList<>();
    for (Document d : documents) {
      checks.add(service.validate(d.request().config()));
    }
    return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
        .thenCompose(
            v -> {
              Map<String, Object> invalid = new LinkedHashMap<>();
              for (int i = 0; i < documents.size(); i++) {
                Outcome.Refused<ConnectorApplied> r = checks.get(i).join();
                if (r != null) {
                  invalid.put(documents.get(i).name(), r.message());
                }
              }
              if (!invalid.isEmpty()) {
                return ConnectorService.done(
                    Outcome.refused(
                        Kind.INVALID,
                        "INVALID_CONFIG",
                        invalid.size()
                            + " of "
                            + documents.size()
                            + " connectors are invalid; none was "
                            + "applied",
                        Map.of("connectors", invalid)));
              }
              return applyAll(documents);
            });
  }

  private CompletableFuture<Outcome<ImportedConnectors>> applyAll(List<Document> documents) {
    CompletableFuture<List<ImportedConnectors.Entry>> chain =
        CompletableFuture.completedFuture(new ArrayList<>());
    for (Document d : documents) {
      chain =
          chain.thenCompose(
              results ->
                  service
                      .put(d.name(), d.request())
                      .toCompletableFuture()
                      .thenApply(
                          r -> {
                            results.add(
                                r instanceof Outcome.Refused<ConnectorApplied> refused
                                    ? new ImportedConnectors.NotApplied(d.name(), refused.message())
                                    : r.body());
                            return results;
                          }));
    }
    return chain.thenApply(results -> Outcome.ok(new ImportedConnectors(results)));
  }

  private record Document(String name, ConnectorRequest request) {}

  /** Reads the documents; returns the first problem with its line and column, or null. */
  private static String read(String text, List<Document> out) {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
      int index = 0;
      while (docs.hasNextValue()) {
        index++;
        JsonLocation at = docs.getParser().currentLocation();
        JsonNode doc = docs.nextValue();
        if (doc == null || doc.isNull() || doc.isMissingNode()) {
          continue;
        }
        String problem = document(index, doc, out);
        if (problem != null) {
          return "document " + index + " (near line " + at.getLineNr() + "): " + problem;
        }
      }
      return out.isEmpty() ? "no connector documents found" : null;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      return "line "
          + (at == null ? "?" : at.getLineNr())
          + ", column "
          + (at == null ? "?" : at.getColumnNr())
          + ": "
          + e.getOriginalMessage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static String document(int index, JsonNode doc, List<Document> out) {
    if (!doc.isObject() || !doc.path("name").isTextual() || !doc.path("config").isObject()) {
      return "each document needs 'name' (a string) and 'config' (a map), and may have "
          + "'initial_state'";
    }
    Map<String, Object> body = YAML.convertValue(doc, Map.class);
    String name = (String) body.remove("name");
    try {
      out.add(new Document(name, ConnectorRequest.parse(name, body)));
    } catch (IllegalArgumentException e) {
      return "connector '" + name + "': " + e.getMessage();
    }
    return null;
  }

  private static String write(Object doc) {
    try {
      return YAML.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
