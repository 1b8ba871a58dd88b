package dev.railyard.host.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railyard.api.platform.ConnectorQuery;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.Paging;
import dev.railyard.api.platform.answers.ConnectorView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filters and the page of {@code GET /api/v1/connectors}, on a list of views. */
class ConnectorListingTest {

  private static final String FILE_SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";
  private static final String HTTP_SINK = "dev.railyard.sinks.http.HttpSinkConnector";

  private static final List<ConnectorView> LISTED =
      List.of(
          connector("orders-db", FILE_SINK, "RUNNING", "RUNNING"),
          connector("audit-log", HTTP_SINK, "FAILED", "FAILED"),
          connector("billing", HTTP_SINK, "RUNNING", "FAILED"),
          connector("archive", FILE_SINK, "PAUSED", "PAUSED"),
          connector("Orders-Mirror", HTTP_SINK, "RUNNING"));

  private static List<String> names(ConnectorQuery query) {
    return ConnectorListing.select(LISTED, query).items().stream()
        .map(ConnectorView::name)
        .toList();
  }

  @Test
  void shouldAnswerEveryConnectorByNameWithoutFilters() {
    assertThat(names(ConnectorQuery.ALL))
        .containsExactly("Orders-Mirror", "archive", "audit-log", "billing", "orders-db");
  }

  @Test
  void shouldFindTheTextInTheNameOrTheClassIgnoringCase() {
    assertThat(names(new ConnectorQuery("ORDERS", null, Paging.ALL)))
        .containsExactly("Orders-Mirror", "orders-db");
    assertThat(names(new ConnectorQuery("filestream", null, Paging.ALL)))
        .containsExactly("archive", "orders-db");
  }

  @Test
  void shouldFindAConnectorWhoseTaskFailedWhenFailedOnesAreAskedFor() {
    assertThat(names(new ConnectorQuery(null, "FAILED", Paging.ALL)))
        .containsExactly("audit-log", "billing");
    assertThat(names(new ConnectorQuery(null, "paused", Paging.ALL))).containsExactly("archive");
    assertThat(names(new ConnectorQuery(null, "STOPPED", Paging.ALL))).isEmpty();
  }

  @Test
  void shouldApplyBothFiltersThenAnswerThePageWithTheCountOfAllThatMatched() {
    List<ConnectorView> many = new ArrayList<>(LISTED);
    for (int i = 0; i < 60; i++) {
      many.add(connector(String.format("http-%02d", i), HTTP_SINK, "RUNNING", "RUNNING"));
    }

    Page<ConnectorView> page =
        ConnectorListing.select(many, new ConnectorQuery("http", "RUNNING", new Paging(40, 20)));

    // 60 http-NN and billing (its connector runs) and Orders-Mirror match: 62, by name
    assertThat(page.total()).isEqualTo(62);
    assertThat(page.items()).extracting(ConnectorView::name).startsWith("http-38").hasSize(20);
    assertThat(page.offset()).isEqualTo(40);
    assertThat(page.limit()).isEqualTo(20);
  }

  @Test
  void shouldAnswerAnEmptyPagePastTheEndWithTheCount() {
    Page<ConnectorView> page =
        ConnectorListing.select(LISTED, new ConnectorQuery(null, null, new Paging(500, 50)));

    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isEqualTo(LISTED.size());
  }

  private static ConnectorView connector(String name, String type, String state, String... tasks) {
    List<ConnectorView.Task> units = new ArrayList<>();
    for (int i = 0; i < tasks.length; i++) {
      units.add(new ConnectorView.Task(i, tasks[i], "w1", null));
    }
    return new ConnectorView(
        name, "sink", state, "w1", null, units, Map.of("connector.class", type), Map.of());
  }
}
