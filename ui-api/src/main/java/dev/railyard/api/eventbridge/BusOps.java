package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railyard.api.platform.BusAdmin;
import dev.railyard.api.platform.Outcome;
import dev.railyard.api.platform.answers.BusView;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * CreateEventBus, DescribeEventBus, DeleteEventBus and ListEventBuses, on the platform's buses: a
 * bus is its Kafka topic, so these see the buses events and rules made too. Thread-safe.
 */
final class BusOps {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsCalls calls;
  private final BusAdmin buses;

  BusOps(AwsCalls calls, BusAdmin buses) {
    this.calls = calls;
    this.buses = buses;
  }

  /** A bus that exists already is {@code ResourceAlreadyExistsException}, as EventBridge says. */
  Future<ObjectNode> createEventBus(Input in) {
    // a Description is taken and not kept, as for rules; the rest would change what a bus is
    in.only(Set.of("Name", "Description"));
    String name = in.required("Name");
    if (name.equals(Arns.DEFAULT_BUS)) {
      throw alreadyExists(name);
    }
    in.checkBus(name);
    return calls
        .call(() -> buses.create(in.scope(), name))
        .map(
            outcome -> {
              BusView bus = AwsCalls.body(outcome);
              if (!(outcome instanceof Outcome.Created)) {
                throw alreadyExists(bus.name());
              }
              return JSON.createObjectNode().put("EventBusArn", Arns.busArn(in.region(), name));
            });
  }

  Future<ObjectNode> describeEventBus(Input in) {
    in.only(Set.of("Name"));
    String name = Arns.busName(in.optional("Name", Arns.DEFAULT_BUS));
    in.checkBus(name);
    return calls
        .call(() -> buses.get(in.scope(), name))
        .map(AwsCalls::body)
        .map(
            bus ->
                JSON.createObjectNode()
                    .put("Name", bus.name())
                    .put("Arn", Arns.busArn(in.region(), bus.name())));
  }

  /**
   * Deletes a bus and its events. The default bus, and a bus that rules read, are a {@code
   * ValidationException} naming why; a bus that does not exist is no error, as in EventBridge.
   */
  Future<ObjectNode> deleteEventBus(Input in) {
    in.only(Set.of("Name"));
    String name = Arns.busName(in.required("Name"));
    in.checkBus(name);
    return calls
        .call(() -> buses.delete(in.scope(), name))
        .map(
            outcome -> {
              if (outcome instanceof Outcome.Refused<?> refused) {
                switch (refused.kind()) {
                  case NOT_FOUND -> {
                    return JSON.createObjectNode();
                  }
                  case CONFLICT -> throw AwsException.validation(refused.message());
                  default -> throw AwsCalls.error(refused);
                }
              }
              return JSON.createObjectNode();
            });
  }

  Future<ObjectNode> listEventBuses(Input in) {
    in.only(Set.of("NamePrefix", "Limit", "NextToken"));
    String prefix = in.optional("NamePrefix", "");
    int limit = in.limit();
    int offset = in.offset();
    return calls
        .call(() -> buses.list(in.scope()))
        .map(AwsCalls::body)
        .map(
            page -> {
              List<String> chosen =
                  page.items().stream()
                      .map(BusView::name)
                      .filter(b -> b.startsWith(prefix))
                      .toList();
              ObjectNode out = JSON.createObjectNode();
              ArrayNode list = out.putArray("EventBuses");
              for (String bus :
                  chosen.subList(
                      Math.min(offset, chosen.size()), Math.min(offset + limit, chosen.size()))) {
                list.addObject().put("Name", bus).put("Arn", Arns.busArn(in.region(), bus));
              }
              if (offset + limit < chosen.size()) {
                out.put("NextToken", String.valueOf(offset + limit));
              }
              return out;
            });
  }

  private static AwsException alreadyExists(String name) {
    return new AwsException(
        400, "ResourceAlreadyExistsException", "Event bus " + name + " already exists.");
  }
}
