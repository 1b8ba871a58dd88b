package dev.railyard.rules.yaml;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the valid name a misspelt one was probably meant to be. Stateless. */
final class Suggestions {

  private Suggestions() {}

  /**
   * The closest candidate within a small edit distance (ignoring case), else the only one it
   * begins, if any.
   */
  static Optional<String> closest(String wrong, Collection<String> candidates) {
    String lower = wrong.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = wrong.length() <= 3 ? 1 : wrong.length() <= 5 ? 2 : 3;
    if (bestDistance <= allowed) {
      return Optional.of(best);
    }
    List<String> longer =
        candidates.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(lower)).toList();
    return longer.size() == 1 ? Optional.of(longer.get(0)) : Optional.empty();
  }

  /** {@code " (did you mean 'x'?)"} or empty. */
  static String didYouMean(String wrong, Collection<String> candidates) {
    return closest(wrong, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
