package dev.railyard.rules.cloudevents;

/**
 * A CloudEvent ready to be written to a bus.
 *
 * @param bus the bus name (the topic is {@link dev.railyard.rules.model.Topology#busTopic})
 * @param id the event's {@code id}
 * @param key the record key: the {@code partitionkey} extension, else {@code subject}, else the
 *     event's {@code id}
 * @param json the event in structured-mode JSON, UTF-8
 */
public record BusEvent(String bus, String id, String key, byte[] json) {}
