package dev.railyard.api.platform;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list the platform filtered and ordered. ui-api writes {@code items} as the answer's
 * JSON array, the same array an unpaged call answers, and {@code total} in the {@code
 * X-Total-Count} header, so a client that never pages sees no change. Immutable.
 *
 * @param items the items of the page, in the list's order
 * @param total how many items matched, on every page
 * @param offset the offset asked for (past the end, {@code items} is empty)
 * @param limit the limit asked for, or null for all
 * @param <T> an answer record
 */
public record Page<T>(List<T> items, int total, int offset, Integer limit) {

  public Page {
    items = List.copyOf(items);
  }

  /** The same page with each item made into another. */
  public <R> Page<R> map(Function<? super T, ? extends R> each) {
    return new Page<>(items.stream().<R>map(each).toList(), total, offset, limit);
  }
}
