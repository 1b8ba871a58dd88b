package dev.railyard.rules.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.railyard.rules.cloudevents.EventId;
import dev.railyard.rules.model.Topology;
import dev.railyard.rules.pattern.Matched;
import dev.railyard.rules.stats.DeliveryCounters;
import dev.railyard.rules.transform.TransformException;
import dev.railyard.rules.transform.Transformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a router task decided for one event: per matched rule and target, the transformed
 * event to the target's delivery topic in the binding mode the target asks for (with the event id
 * header; the topic names the rule and target), or, when the transform fails, the event to the
 * target's dead letters; an event that cannot be matched at all goes to the bus's dead letters.
 * Every write goes through the task's {@link Writes}. Called from the task's thread only.
 */
final class RouteWriter {

  private static final Logger log = LoggerFactory.getLogger(RouteWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bus;
  private final Writes writes;
  private final DeliveryCounters counters;

  RouteWriter(String bus, Writes writes, DeliveryCounters counters) {
    this.bus = bus;
    this.writes = writes;
    this.counters = counters;
  }

  // one unreadable event must not stop the bus: it waits in the bus's dead letters
  void unreadable(SinkRecord record, byte[] value, Throwable e, Instant now) {
    log.warn(
        "Router of bus {} could not match an event at {}-{}@{}: {}",
        bus,
        record.topic(),
        record.kafkaPartition(),
        record.kafkaOffset(),
        e.toString());
    RecordHeaders headers = DeadLetters.headers("", "", asException(e), now);
    // the letter keeps the event as it came, binding headers and all
    KafkaBinding.bindingHeaders(record.headers()).forEach(headers::add);
    writes.send(
        new ProducerRecord<>(
            Topology.busDeadLetterTopic(bus),
            null,
            RouterSinkTask.bytes(record.key()),
            value,
            headers));
  }

  void route(
      SinkRecord record,
      byte[] event,
      KafkaBinding.Binary binary,
      List<RoutingTable.Route> routes,
      Matched matched,
      Instant now) {
    byte[] key = RouterSinkTask.bytes(record.key());
    // the tree is built only for transforms that read the event; the id header needs none
    JsonNode tree = null;
    boolean parsed = false;
    Header id = null;
    // a transform's payload goes on in binary mode with the event's attributes, made once
    List<Header> attributes = binary == null ? null : binary.attributes();
    for (RoutingTable.Route route : routes) {
      counters.matched(route.rule());
      Transformer transformer = route.transformer();
      if (transformer.needsEvent() && !parsed) {
        tree = parse(event);
        parsed = true;
      }
      byte[] output;
      Exception failure = null;
      try {
        output =
            transformer.needsEvent() && tree == null
                ? null
                : transformer.apply(tree, event, route.rule(), now);
      } catch (TransformException e) {
        output = null;
        failure = e;
      }
      if (output != null && id == null) {
        id = idHeader(tree != null ? utf8(textOf(tree.get("id"))) : idOf(matched, event));
      }
      // the record's value: a binary event without data has none, and is still routed
      byte[] value = output;
      List<Header> binding = null;
      if (output != null && transformer.wholeEvent()) {
        value = KafkaBinding.value(event, binary);
        binding = KafkaBinding.headers(binary);
      } else if (output != null) {
        if (attributes == null) {
          if (!parsed) {
            tree = parse(event);
            parsed = true;
          }
          attributes = KafkaBinding.attributes(tree);
        }
        binding = KafkaBinding.payloadHeaders(attributes, transformer.mediaType(output));
      }
      for (RoutingTable.Destination d : route.destinations()) {
        if (output != null) {
          try {
            KafkaBinding.Output out =
                KafkaBinding.as(d.mode(), new KafkaBinding.Output(value, binding));
            writes.send(
                new ProducerRecord<>(
                    d.topic(), null, key, out.value(), headers(out.headers(), id)));
            continue;
          } catch (DataException e) {
            failure = e; // the event cannot be put in the mode the target asks for
          }
        }
        counters.transformError(route.rule(), d.target());
        if (d.deadLetter()) {
          RecordHeaders letter = DeadLetters.headers(route.rule(), d.target(), failure, now);
          KafkaBinding.headers(binary).forEach(letter::add);
          writes.send(
              new ProducerRecord<>(
                  d.deadLetterTopic(), null, key, KafkaBinding.value(event, binary), letter));
        }
      }
    }
  }

  // an event without a text id gets no id header; NO_ID marks that it was looked for
  private static final Header NO_ID = new RecordHeader(Topology.EVENT_ID_HEADER, new byte[0]);

  private static Header idHeader(byte[] eventId) {
    return eventId == null ? NO_ID : new RecordHeader(Topology.EVENT_ID_HEADER, eventId);
  }

  // the matcher passed over the id on its way: read the event again only when it could not tell
  private static byte[] idOf(Matched matched, byte[] event) {
    return matched.idRead() ? matched.idUtf8() : utf8(EventId.of(event));
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static String textOf(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private static Exception asException(Throwable t) {
    return t instanceof Exception e ? e : new IllegalStateException(t.toString(), t);
  }

  // the producer copies the list once into the record's own headers; the topic names the rule and
  // the target, so the record carries no headers for them (the target's guard adds them)
  private static List<Header> headers(List<Header> binding, Header id) {
    if (id == NO_ID) {
      return binding;
    }
    Header[] all = new Header[binding.size() + 1];
    int i = 0;
    for (Header h : binding) {
      all[i++] = h;
    }
    all[i] = id;
    return Arrays.asList(all);
  }

  private static JsonNode parse(byte[] event) {
    try {
      return JSON.readTree(event);
    } catch (IOException e) {
      return null; // matched as text but not JSON: nothing can be transformed; unreachable in
      // practice
    }
  }
}
