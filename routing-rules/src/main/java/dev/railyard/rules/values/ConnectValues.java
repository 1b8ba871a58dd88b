package dev.railyard.rules.values;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Presents a Kafka Connect value to the matcher ({@code Pattern.matches(Object)}, {@code
 * RuleSet.matches(Object)}): a {@link Struct} becomes a read-only map of its fields in schema
 * order, and maps and lists that may hold structs become views that present their elements the same
 * way. Nothing is copied: each view reads the value it wraps when the matcher walks it. Stateless
 * and thread-safe; a view is as thread-safe as the value under it.
 */
public final class ConnectValues {

  private ConnectValues() {}

  /**
   * The value as the matcher reads it: a struct as a map of its fields, containers as views of
   * their elements, anything else as it is. May return null for null.
   */
  public static Object matchable(Object value) {
    if (value instanceof Struct struct) {
      return new StructView(struct);
    }
    if (value instanceof Map<?, ?> map) {
      return new MapView(map);
    }
    if (value instanceof List<?> list) {
      return new ListView(list);
    }
    return value;
  }

  private static final class StructView extends AbstractMap<String, Object> {
    private final Struct struct;

    StructView(Struct struct) {
      this.struct = struct;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      List<Field> fields = struct.schema().fields();
      return entries(fields.size(), fields::iterator, f -> new FieldEntry(struct, f));
    }
  }

  private static final class MapView extends AbstractMap<String, Object> {
    private final Map<?, ?> map;

    MapView(Map<?, ?> map) {
      this.map = map;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return entries(map.size(), () -> map.entrySet().iterator(), MapView::entry);
    }

    // a leaf under a text key is passed on as it is: most values hold no struct at all, and the
    // matcher then walks them without a copy of each entry
    @SuppressWarnings("unchecked")
    private static Entry<String, Object> entry(Entry<?, ?> e) {
      Object value = e.getValue();
      if (e.getKey() instanceof String && !isContainer(value)) {
        return (Entry<String, Object>) e;
      }
      return new ContainerEntry(String.valueOf(e.getKey()), value);
    }
  }

  // entries read their value only when the matcher asks, which it does for the fields a pattern
  // names: the other fields of a struct are never read nor wrapped

  private record FieldEntry(Struct struct, Field field) implements Map.Entry<String, Object> {
    @Override
    public String getKey() {
      return field.name();
    }

    @Override
    public Object getValue() {
      return matchable(struct.get(field));
    }

    @Override
    public Object setValue(Object value) {
      throw new UnsupportedOperationException("a view of a Connect value is read-only");
    }
  }

  private record ContainerEntry(String key, Object container) implements Map.Entry<String, Object> {
    @Override
    public String getKey() {
      return key;
    }

    @Override
    public Object getValue() {
      return matchable(container);
    }

    @Override
    public Object setValue(Object value) {
      throw new UnsupportedOperationException("a view of a Connect value is read-only");
    }
  }

  private static boolean isContainer(Object value) {
    return value instanceof Struct || value instanceof Map || value instanceof List;
  }

  /** A set of {@code size} entries, each made from {@code source}'s next element as it is read. */
  private static <T> Set<Map.Entry<String, Object>> entries(
      int size,
      Supplier<Iterator<? extends T>> source,
      Function<T, Map.Entry<String, Object>> entry) {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        Iterator<? extends T> it = source.get();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public Map.Entry<String, Object> next() {
            return entry.apply(it.next());
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private static final class ListView extends AbstractList<Object> implements RandomAccess {
    private final List<?> list;

    ListView(List<?> list) {
      this.list = list;
    }

    @Override
    public Object get(int index) {
      return matchable(list.get(index));
    }

    @Override
    public Iterator<Object> iterator() {
      Iterator<?> it = list.iterator();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public Object next() {
          return matchable(it.next());
        }
      };
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
