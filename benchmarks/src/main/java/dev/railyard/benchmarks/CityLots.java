package dev.railyard.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded, synthetic stand-in for San Francisco's city-lots data set that event-ruler benchmarks
 * with (its "citylots2" shape: properties, geometry with firstCoordinates and arrays of {x, y, z}
 * objects), about 900 bytes per event. Same seed, same corpus.
 */
public final class CityLots {

  static final String[] STREETS = {
    "FULTON",
    "MASON",
    "JEFFERSON",
    "BEACH",
    "HYDE",
    "CHESTNUT",
    "ACTON",
    "BLAKE",
    "DRUMM",
    "RHODE ISLAND",
    "MISSION",
    "MARKET",
    "UNKNOWN",
    "BUSH",
    "PINE",
    "POLK",
    "LARKIN",
    "VAN NESS",
    "GEARY",
    "CLAY",
    "WASHINGTON",
    "JACKSON",
    "PACIFIC",
    "BROADWAY",
    "VALLEJO",
    "GREEN",
    "UNION",
    "FILBERT",
    "LOMBARD",
    "BAY",
    "NORTH POINT",
    "KING",
    "TOWNSEND",
    "BRANNAN",
    "BRYANT",
    "HARRISON",
    "FOLSOM",
    "HOWARD",
    "DIVISADERO",
    "SANTIAGO",
    "TARAVAL",
    "ULLOA",
    "VICENTE",
    "WAWONA",
    "IRVING",
    "JUDAH",
    "KIRKHAM",
    "LAWTON",
    "MORAGA",
    "NORIEGA",
    "ORTEGA",
    "PACHECO",
    "QUINTARA",
    "RIVERA",
    "FUNSTON",
    "BLUXOME",
    "DRAKE",
    "RHINE",
    "ACADIA",
    "CRESTLAKE",
    "SPRING",
    "KEARNY",
    "HAWTHORNE",
    "BOWLING GREEN",
    "TOMASO",
    "HUNTERS POINT"
  };
  static final String[] ST_TYPES = {
    "ST", "ST", "ST", "AVE", "AVE", "BLVD", "WAY", "DR", "TER", "LN", null
  };

  private CityLots() {}

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
    String lot = lot(r);
    String street = STREETS[r.nextInt(STREETS.length)];
    String type = ST_TYPES[r.nextInt(ST_TYPES.length)];
    int from = r.nextInt(3000);
    StringBuilder sb = new StringBuilder(1024);
    sb.append("{\"type\":\"Feature\",\"properties\":{\"MAPBLKLOT\":\"")
        .append(lot)
        .append("\",\"BLKLOT\":\"")
        .append(lot)
        .append("\",\"BLOCK_NUM\":\"")
        .append(lot, 0, 4)
        .append("\",\"LOT_NUM\":\"")
        .append(lot.substring(4))
        .append("\",\"FROM_ST\":\"")
        .append(from)
        .append("\",\"TO_ST\":\"")
        .append(from + r.nextInt(40))
        .append("\",\"STREET\":\"")
        .append(street)
        .append("\",\"ST_TYPE\":")
        .append(type == null ? "null" : "\"" + type + "\"")
        .append(",\"ODD_EVEN\":\"")
        .append(from % 2 == 0 ? 'E' : 'O')
        .append("\"},");
    geometry(r, sb);
    return sb.append('}').toString();
  }

  private static String lot(Random r) {
    if (r.nextInt(5000) == 0) {
      return "VACSTWIL";
    }
    return String.format(Locale.ROOT, "%04d%03d", r.nextInt(7600), r.nextInt(120));
  }

  private static void geometry(Random r, StringBuilder sb) {
    boolean multi = r.nextInt(100) == 0;
    double x = -122.52 + r.nextDouble() * 0.16;
    double y = 37.70 + r.nextDouble() * 0.11;
    sb.append("\"geometry\":{\"type\":\"")
        .append(multi ? "MultiPolygon" : "Polygon")
        .append("\",\"firstCoordinates\":{");
    point(sb, x, y);
    sb.append("},\"coordinates\":[[");
    int points = 7 + r.nextInt(5);
    for (int i = 0; i < points; i++) {
      sb.append(i == 0 ? "{" : ",{");
      point(sb, x + r.nextGaussian() * 0.0003, y + r.nextGaussian() * 0.0003);
      sb.append('}');
    }
    sb.append("]]}");
  }

  private static void point(StringBuilder sb, double x, double y) {
    sb.append("\"x\":").append(x).append(",\"y\":").append(y).append(",\"z\":0");
  }
}
