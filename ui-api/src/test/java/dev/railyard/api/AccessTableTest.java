package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.api.security.Access;
import dev.railyard.api.security.AccessPolicy;
import dev.railyard.api.security.Role;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks the whole route table (every operation of the OpenAPI document, which {@link
 * OpenApiDocumentTest} keeps equal to the routes served): every route names its role, refuses a
 * request without a token with 401, and refuses every write of a viewer with 403.
 */
class AccessTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final RunningApi api = new RunningApi();

  /** One documented operation, with a concrete path to call it at. */
  private record Operation(String method, String template, Access access) {

    String path() {
      return template.replace("{path}", "connectors").replaceAll("\\{[^/}]+}", "x");
    }

    boolean write() {
      return !method.equals("GET");
    }

    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  @Test
  void shouldNameARoleForEveryOperation() throws IOException {
    assertThat(withoutRole(document())).as("operations without x-railyard-role").isEmpty();
  }

  @Test
  void shouldNameAnOperationAddedWithoutARole() throws IOException {
    JsonNode doc = document();
    ((ObjectNode) doc.get("paths")).putObject("/api/v1/later").putObject("post");

    assertThat(withoutRole(doc)).containsExactly("POST /api/v1/later");
  }

  @Test
  void shouldRefuseEveryRouteWithoutATokenExceptThePublicOnes() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Operation op : operations()) {
      int status = call(op, null).statusCode();
      boolean refused = status == 401;
      if (op.access() == Access.PUBLIC ? refused : !refused) {
        wrong.add(op + " answered " + status + " without a token");
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(operations()).filteredOn(op -> op.access() == Access.PUBLIC).hasSize(5);
  }

  @Test
  void shouldRefuseEveryWriteOfAViewerAndLetItRead() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Operation op : operations()) {
      int status = call(op, api.security().secret(Role.VIEWER)).statusCode();
      if (op.write() && status != 403) {
        wrong.add(op + " let a viewer write: " + status);
      }
      boolean readable = op.access().allows(Role.VIEWER);
      if (!op.write() && readable && (status == 401 || status == 403)) {
        wrong.add(op + " refused a viewer's read: " + status);
      }
      if (!op.write() && !readable && status != 403) {
        wrong.add(op + " let a viewer read what only admins may: " + status);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void shouldLetEachRoleDoWhatItsAccessAllowsAndNothingElse() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Role role : List.of(Role.PUBLISHER, Role.EDITOR, Role.ADMIN)) {
      for (Operation op : operations()) {
        int status = call(op, api.security().secret(role)).statusCode();
        boolean allowed = op.access().allows(role);
        if (allowed == (status == 403) || status == 401) {
          wrong.add(op + " answered " + status + " to a " + role.id());
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void shouldMatchTheMostSpecificTemplate() throws IOException {
    AccessPolicy policy = AccessPolicy.of(document());

    assertThat(policy.required("PATCH", "/api/v1/connectors/a/offsets")).isEqualTo(Access.ADMIN);
    assertThat(policy.required("POST", "/api/v1/connectors/a/pause")).isEqualTo(Access.EDITOR);
    assertThat(policy.required("GET", "/connect/connectors/a/tasks/0/status"))
        .isEqualTo(Access.VIEWER);
    assertThat(policy.required("HEAD", "/health")).isEqualTo(Access.PUBLIC);
    assertThat(policy.required("GET", "/api/v1/nothing/here")).isEqualTo(Access.ADMIN);
  }

  private HttpResponse<String> call(Operation op, String token) {
    HttpRequest.Builder request = api.anonymous(op.path());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.header("Content-Type", "application/json");
    request.method(
        op.method(), op.write() ? BodyPublishers.ofString("{}") : BodyPublishers.noBody());
    return api.exchange(request, BodyHandlers.ofString());
  }

  private static List<Operation> operations() throws IOException {
    List<Operation> operations = new ArrayList<>();
    for (AccessPolicy.Rule rule : AccessPolicy.of(document()).rules()) {
      operations.add(new Operation(rule.method(), rule.template(), rule.access()));
    }
    return operations;
  }

  private static List<String> withoutRole(JsonNode doc) {
    return AccessPolicy.of(doc).rules().stream()
        .filter(rule -> !rule.declared())
        .map(rule -> rule.method() + " " + rule.template())
        .toList();
  }

  private static JsonNode document() throws IOException {
    return JSON.readTree(OpenApiRoutes.read());
  }
}
