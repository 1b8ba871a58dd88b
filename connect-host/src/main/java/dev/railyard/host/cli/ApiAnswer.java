package dev.railyard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One HTTP answer of the API, and how its errors become a {@link CliFailure}: 4xx is invalid input
 * (exit 1), anything else unexpected is Railyard not working (exit 2).
 *
 * @param status the HTTP status
 * @param body the body as text, possibly empty
 */
record ApiAnswer(int status, String body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body as JSON, or a missing node when it is not JSON. */
  JsonNode json() {
    try {
      JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  /**
   * The failure this answer stands for: the error's {@code details.problems} one per line, and a
   * summary. {@code refusal} (e.g. "rules.yaml was refused, nothing was applied") starts the
   * summary when the answer lists problems; otherwise the API's message does.
   */
  CliFailure failure(String refusal) {
    JsonNode error = json().path("error");
    String code = error.path("code").asText("HTTP " + status);
    List<String> problems = new ArrayList<>();
    error
        .path("details")
        .path("problems")
        .forEach(p -> problems.add(p.isTextual() ? p.asText() : p.toString()));
    String summary;
    if (!problems.isEmpty() && status == 400) {
      summary =
          refusal
              + ": "
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + " ("
              + code
              + ")";
    } else if (error.hasNonNull("message")) {
      summary = error.get("message").asText() + " (" + status + " " + code + ")";
    } else {
      summary = "unexpected answer " + status + " from Railyard: " + abbreviated(body);
    }
    if (status == 401) {
      summary +=
          "; give a token with --token or "
              + CliArgs.TOKEN_ENV
              + " (an admin's is in <data.dir>/admin.token)";
    }
    boolean invalid = status >= 400 && status < 500;
    return new CliFailure(invalid ? ExitCodes.INVALID : ExitCodes.UNREACHABLE, summary, problems);
  }

  private static String abbreviated(String text) {
    String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }
}
