package dev.railyard.rules.pattern;

import java.util.Arrays;

/**
 * Array consistency, as event-ruler defines it: the leaves chosen for the fields of one branch must
 * not come from different elements of the same array. Holds, per array of the event, the element
 * chosen so far, and searches the fields in path order with backtracking. One per thread; not
 * thread-safe.
 */
final class Membership {

  private static final ThreadLocal<Membership> LOCAL = ThreadLocal.withInitial(Membership::new);

  private int[] element = new int[16];
  private int[] undo = new int[16];
  private int undoTop;

  static Membership local() {
    return LOCAL.get();
  }

  void reset(int arrays) {
    if (element.length < arrays) {
      element = new int[Math.max(arrays, element.length * 2)];
    }
    Arrays.fill(element, 0, arrays, -1);
    undoTop = 0;
  }

  boolean match(FieldMatcher[] fields, int index, EventBuffer event) {
    if (index == fields.length) {
      return true;
    }
    FieldMatcher f = fields[index];
    if (f.absent && !anyConsistent(f.slot, event) && match(fields, index + 1, event)) {
      return true;
    }
    if (!f.takesValues()) {
      return false;
    }
    boolean triedUnchanged = false;
    for (int v = event.first(f.slot); v >= 0; v = event.next(v)) {
      int mark = undoTop;
      if (!extend(event, v)) {
        continue;
      }
      boolean unchanged = undoTop == mark;
      if (!(unchanged && triedUnchanged) && f.test(event, v)) {
        if (match(fields, index + 1, event)) {
          return true;
        }
        triedUnchanged |= unchanged;
      }
      rollback(mark);
    }
    return false;
  }

  private boolean anyConsistent(int slot, EventBuffer event) {
    for (int v = event.first(slot); v >= 0; v = event.next(v)) {
      if (consistent(event, v)) {
        return true;
      }
    }
    return false;
  }

  private boolean consistent(EventBuffer event, int v) {
    for (int i = 0, n = event.chainLength(v); i < n; i += 2) {
      int chosen = element[event.chainAt(v, i)];
      if (chosen >= 0 && chosen != event.chainAt(v, i + 1)) {
        return false;
      }
    }
    return true;
  }

  private boolean extend(EventBuffer event, int v) {
    int mark = undoTop;
    for (int i = 0, n = event.chainLength(v); i < n; i += 2) {
      int array = event.chainAt(v, i);
      int index = event.chainAt(v, i + 1);
      int chosen = element[array];
      if (chosen < 0) {
        element[array] = index;
        if (undoTop == undo.length) {
          undo = Arrays.copyOf(undo, undo.length * 2);
        }
        undo[undoTop++] = array;
      } else if (chosen != index) {
        rollback(mark);
        return false;
      }
    }
    return true;
  }

  private void rollback(int mark) {
    while (undoTop > mark) {
      element[undo[--undoTop]] = -1;
    }
  }
}
