package dev.railyard.api.platform;

import java.util.List;

/**
 * Which slice of a list to answer: the first {@code offset} matching items are skipped and at most
 * {@code limit} are answered. Immutable.
 *
 * @param offset how many matching items to skip, 0 or more (the API's {@code offset})
 * @param limit the most items to answer, 1 to {@value #MAX_LIMIT}, or null for all of them (the
 *     API's {@code limit}; absent, the list is whole, as clients written before paging expect)
 */
public record Paging(int offset, Integer limit) {

  /** The most items one page may hold. */
  public static final int MAX_LIMIT = 500;

  /** The whole list. */
  public static final Paging ALL = new Paging(0, null);

  /**
   * @throws IllegalArgumentException naming the API's parameter and what would be valid
   */
  public Paging {
    if (offset < 0) {
      throw new IllegalArgumentException("offset: 0 or more, got " + offset);
    }
    if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
      throw new IllegalArgumentException("limit: 1 to " + MAX_LIMIT + ", got " + limit);
    }
  }

  /** The page of {@code matching} (every item that matched, in the list's order) this asks for. */
  public <T> Page<T> of(List<T> matching) {
    int from = Math.min(offset, matching.size());
    int to = limit == null ? matching.size() : (int) Math.min((long) from + limit, matching.size());
    return new Page<>(matching.subList(from, to), matching.size(), offset, limit);
  }
}
