package dev.railyard.rules.delivery;

import dev.railyard.rules.model.Topology;

/**
 * The headers a parked record carries in a target's retry topic next to the record's own: where the
 * record came from, its failures so far, the last error and when it is due again. Values are UTF-8
 * text; instants are ISO-8601.
 */
public final class ParkedHeaders {

  public static final String PREFIX = Topology.PARK_HEADER_PREFIX;
  public static final String TOPIC = PREFIX + "topic";
  public static final String PARTITION = PREFIX + "partition";
  public static final String OFFSET = PREFIX + "offset";
  public static final String ORIGIN_TOPIC = PREFIX + "origin.topic";
  public static final String ORIGIN_PARTITION = PREFIX + "origin.partition";
  public static final String ORIGIN_OFFSET = PREFIX + "origin.offset";
  public static final String TIMESTAMP_TYPE = PREFIX + "timestamp.type";
  public static final String ATTEMPTS = PREFIX + "attempts";
  public static final String FIRST = PREFIX + "first.failure";
  public static final String LAST = PREFIX + "last.failure";
  public static final String DUE = PREFIX + "due";
  public static final String ERROR_CLASS = PREFIX + "error.class";
  public static final String ERROR_MESSAGE = PREFIX + "error.message";

  private ParkedHeaders() {}
}
