package dev.railyard.host.connectors;

import dev.railyard.api.platform.ConnectorQuery;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.answers.ConnectorView;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The connectors a {@link ConnectorQuery} matches, by name, and the page of them: the filtering of
 * {@code GET /api/v1/connectors}, over the list the service holds, so a dashboard showing 50 of 500
 * connectors gets 50. Stateless.
 */
final class ConnectorListing {

  private ConnectorListing() {}

  static Page<ConnectorView> select(List<ConnectorView> all, ConnectorQuery query) {
    String text = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
    List<ConnectorView> matching =
        all.stream()
            .filter(c -> text == null || hasText(c, text))
            .filter(c -> query.state() == null || inState(c, query.state()))
            .sorted(Comparator.comparing(ConnectorView::name))
            .toList();
    return query.paging().of(matching);
  }

  private static boolean hasText(ConnectorView connector, String lowerCase) {
    String connectorClass = connector.config().getOrDefault("connector.class", "");
    return connector.name().toLowerCase(Locale.ROOT).contains(lowerCase)
        || connectorClass.toLowerCase(Locale.ROOT).contains(lowerCase);
  }

  // a task counts: a RUNNING connector whose task FAILED is what "failed" must find
  private static boolean inState(ConnectorView connector, String state) {
    return state.equals(connector.state())
        || connector.tasks().stream().anyMatch(t -> state.equals(t.state()));
  }
}
