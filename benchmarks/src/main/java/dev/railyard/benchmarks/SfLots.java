package dev.railyard.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A second city-lots-like corpus, shaped like San Francisco's published lots file rather than
 * event-ruler's reworked {@code citylots2}, so the engine is not tuned to one generator: GeoJSON
 * coordinates as nested arrays of numbers ({@code [[[x, y, 0.0], ...]]}, four levels deep for a
 * MultiPolygon), numbers written as the real data has them (15 decimals, so most are no exact
 * double, some shorter ones that are, {@code 0.0}), {@code firstCoordinates} after the big array
 * with its keys in another order, lot numbers with letters, real street names of other lengths, and
 * a few extra properties. Seeded: same seed, same corpus.
 */
public final class SfLots {

  private static final String[] STREETS = {
    "UNKNOWN",
    "01ST",
    "03RD",
    "ACTON",
    "BLAKE",
    "DRUMM",
    "FULTON",
    "MASON",
    "JEFFERSON",
    "BEACH",
    "HYDE",
    "CHESTNUT",
    "RHODE ISLAND",
    "MISSION",
    "MARKET",
    "HUNTERS POINT EXPWY",
    "JUNIPERO SERRA",
    "SAINT FRANCIS",
    "FUNSTON",
    "BLUXOME",
    "DE HARO",
    "LA PLAYA",
    "GREAT HWY",
    "VAN NESS",
    "ALEMANY",
    "MONTEREY",
    "OCEAN",
    "PORTOLA",
    "O'FARRELL",
    "ACADIA",
    "DIAMOND HEIGHTS",
    "KING",
    "RHINE",
    "FOLSOM",
    "HOWARD",
    "BAYSHORE"
  };
  private static final String[] ST_TYPES = {"ST", "ST", "AVE", "BLVD", "WAY", "DR", "TER", "PL"};

  private SfLots() {}

  /** {@code count} events as JSON text. */
  public static List<String> events(long seed, int count) {
    Random random = new Random(seed);
    List<String> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(event(random));
    }
    return events;
  }

  static String event(Random r) {
    String block = String.format(Locale.ROOT, "%04d", r.nextInt(7600));
    String lot = r.nextInt(5000) == 0 ? "VACSTWIL" : block + lotNumber(r);
    int from = r.nextInt(4) == 0 ? 0 : r.nextInt(4000);
    String type = r.nextInt(6) == 0 ? null : ST_TYPES[r.nextInt(ST_TYPES.length)];
    StringBuilder sb = new StringBuilder(1536);
    sb.append("{\"type\":\"Feature\",\"properties\":{\"MAPBLKLOT\":\"")
        .append(lot)
        .append("\",\"BLKLOT\":\"")
        .append(lot)
        .append("\",\"BLOCK_NUM\":\"")
        .append(block)
        .append("\",\"LOT_NUM\":\"")
        .append(lot.length() > 4 ? lot.substring(4) : "")
        .append("\",\"FROM_ST\":\"")
        .append(from)
        .append("\",\"TO_ST\":\"")
        .append(from == 0 ? 0 : from + r.nextInt(60))
        .append("\",\"STREET\":\"")
        .append(STREETS[r.nextInt(STREETS.length)])
        .append("\",\"ST_TYPE\":")
        .append(type == null ? "null" : "\"" + type + "\"")
        .append(",\"ODD_EVEN\":\"")
        .append(from % 2 == 0 ? 'E' : 'O')
        .append("\",\"SHAPE_AREA\":")
        .append(r.nextInt(20000) / 8.0)
        .append(",\"SUPERVISOR\":\"")
        .append(1 + r.nextInt(11))
        .append("\"},");
    geometry(r, sb);
    return sb.append('}').toString();
  }

  private static String lotNumber(Random r) {
    String n = String.format(Locale.ROOT, "%03d", r.nextInt(150));
    return r.nextInt(10) == 0 ? n + (char) ('A' + r.nextInt(8)) : n;
  }

  private static void geometry(Random r, StringBuilder sb) {
    boolean multi = r.nextInt(50) == 0;
    double x = -122.52 + r.nextDouble() * 0.16;
    double y = 37.70 + r.nextDouble() * 0.11;
    boolean exact = r.nextInt(3) == 0;
    sb.append("\"geometry\":{\"type\":\"")
        .append(multi ? "MultiPolygon" : "Polygon")
        .append("\",\"coordinates\":[")
        .append(multi ? "[[" : "[");
    int points = 4 + r.nextInt(27);
    for (int i = 0; i < points; i++) {
      double px = i == 0 || i == points - 1 ? x : x + r.nextGaussian() * 0.0003;
      double py = i == 0 || i == points - 1 ? y : y + r.nextGaussian() * 0.0003;
      sb.append(i == 0 ? "[" : ",[")
          .append(number(px, exact))
          .append(',')
          .append(number(py, exact))
          .append(",0.0]");
    }
    sb.append(multi ? "]]]" : "]]").append(",\"firstCoordinates\":{\"z\":0.0,\"y\":");
    sb.append(number(y, exact)).append(",\"x\":").append(number(x, exact)).append("}}");
  }

  /**
   * A coordinate as the lots file writes it: 15 decimals (18 digits, rarely an exact double), or
   * for a third of the lots 7 decimals, which always are.
   */
  private static String number(double v, boolean exact) {
    return new BigDecimal(v).setScale(exact ? 7 : 15, RoundingMode.HALF_EVEN).toPlainString();
  }
}
