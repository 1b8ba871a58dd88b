package dev.railyard.host.rules;

import dev.railyard.api.platform.BusScope;
import dev.railyard.api.platform.Page;
import dev.railyard.api.platform.RuleQuery;
import dev.railyard.rules.model.Rule;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The rules of a caller's buses a {@link RuleQuery} matches, by name, and the page of them: the
 * filtering of {@code GET /api/v1/rules}, done on the rules before their views and figures are
 * made, so a page costs its own rules only. Stateless.
 */
final class RuleListing {

  private RuleListing() {}

  static Page<Rule> select(Collection<Rule> rules, BusScope scope, RuleQuery query) {
    String text = query.text() == null ? null : query.text().toLowerCase(Locale.ROOT);
    List<Rule> matching =
        rules.stream()
            .filter(r -> scope.allows(r.bus()))
            .filter(r -> query.bus() == null || query.bus().equals(r.bus()))
            .filter(r -> text == null || hasText(r, text))
            .sorted(Comparator.comparing(Rule::name))
            .toList();
    return query.paging().of(matching);
  }

  private static boolean hasText(Rule rule, String lowerCase) {
    return rule.name().toLowerCase(Locale.ROOT).contains(lowerCase)
        || rule.bus().toLowerCase(Locale.ROOT).contains(lowerCase)
        || rule.targets().stream()
            .anyMatch(t -> t.name().toLowerCase(Locale.ROOT).contains(lowerCase));
  }
}
