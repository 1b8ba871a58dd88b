package dev.railyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.security.AuditTrail;
import dev.railyard.api.security.RateLimits;
import dev.railyard.api.security.Role;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-token rate limits and the audit trail, through a running API. */
class LimitsAndAuditTest {

  /** 2 PutEvents calls and 1 other write per second and token: a burst of 4 and 2. */
  @RegisterExtension static final RunningApi api = new RunningApi(new RateLimits(2, 1));

  @Test
  void shouldAnswer429ToAFloodingTokenWhileAnotherTokensRequestsPass() {
    String flooder = api.security().limitedTo(Role.PUBLISHER, "flooder", java.util.Set.of());
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = putEvents(flooder);
      statuses.add(r.statusCode());
      if (r.statusCode() == 429) {
        limited = r;
      }
    }

    HttpResponse<String> other = putEvents(api.security().secret(Role.PUBLISHER));

    assertThat(statuses).contains(429).startsWith(200);
    assertThat(limited.headers().firstValue("retry-after"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(RunningApi.error(limited).getString("code")).isEqualTo("RATE_LIMITED");
    assertThat(other.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAuditEveryWriteRefusedOnesIncludedAndNoRead() {
    int before = api.security().audited.size();

    api.sendJson("DELETE", "/api/v1/rules/a", null);
    api.exchange(api.anonymous("/api/v1/rules/b").DELETE(), BodyHandlers.ofString());
    api.get("/api/v1/rules");

    List<AuditTrail.Entry> entries = new ArrayList<>(api.security().audited);
    List<AuditTrail.Entry> added = entries.subList(before, entries.size());
    assertThat(added).hasSize(2);
    assertThat(added.get(0).tokenName()).isEqualTo("test-admin");
    assertThat(added.get(0).route()).isEqualTo("/api/v1/rules/:name");
    assertThat(added.get(0).target()).isEqualTo("/api/v1/rules/a");
    assertThat(added.get(1).tokenId()).isNull();
    assertThat(added.get(1).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/audit?limit=1").body()).contains("/api/v1/rules/b");
    assertThat(api.get("/api/v1/audit?limit=0").statusCode()).isEqualTo(400);
  }

  private static HttpResponse<String> putEvents(String token) {
    return api.exchange(
        api.anonymous("/api/v1/events")
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString("[{\"source\":\"s\",\"type\":\"t\"}]")),
        BodyHandlers.ofString());
  }
}
