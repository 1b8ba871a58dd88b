package dev.railyard.api.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railyard.api.platform.BusScope;
import dev.railyard.api.security.Token;
import java.util.Iterator;
import java.util.Set;

/**
 * One verified call of an operation: its JSON body, the key pair's token and the region it was
 * signed for, with readers that refuse a bad field by name ({@code ValidationException}).
 */
record Input(String operation, JsonNode body, Token token, String region) {

  /** Refuses a field the operation does not take, naming those it does. */
  Input only(Set<String> fields) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw AwsException.validation(
            operation
                + ": "
                + name
                + " is not supported by Railyard; the fields taken are "
                + fields.stream().sorted().toList()
                + " (docs/eventbridge-api.md)");
      }
    }
    return this;
  }

  String required(String field) {
    String value = optional(field, null);
    if (value == null || value.isEmpty()) {
      throw AwsException.validation(operation + ": " + field + " is required: a non-empty string");
    }
    return value;
  }

  String optional(String field, String fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isTextual()) {
      throw AwsException.validation(operation + ": " + field + " must be a string, not " + value);
    }
    return value.asText();
  }

  /** A rule's name, as Railyard's rules are named. */
  String ruleName(String field) {
    String name = required(field);
    if (!RuleDocuments.LABEL.matcher(name).matches()) {
      throw AwsException.validation(
          operation
              + ": "
              + field
              + " '"
              + name
              + "' is not a Railyard rule name: use 1 to 63 lower-case letters, digits and '-',"
              + " starting and ending with a letter or digit");
    }
    return name;
  }

  /** The bus an {@code EventBusName} names, or {@code default}. */
  String bus() {
    return Arns.busName(optional("EventBusName", Arns.DEFAULT_BUS));
  }

  /** A page size of 1 to 100, or 100. */
  int limit() {
    JsonNode value = body.get("Limit");
    if (value == null || value.isNull()) {
      return 100;
    }
    if (!value.canConvertToInt() || value.asInt() < 1 || value.asInt() > 100) {
      throw AwsException.validation(operation + ": Limit must be 1 to 100, not " + value);
    }
    return value.asInt();
  }

  /** Where a page starts: the {@code NextToken} of the page before, or 0. */
  int offset() {
    String token = optional("NextToken", null);
    if (token == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token);
      if (offset >= 0) {
        return offset;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw AwsException.validation(
        operation + ": NextToken '" + token + "' is not one this API answered");
  }

  BusScope scope() {
    return new BusScope(token.buses());
  }

  /** Refuses a bus the caller's key is not limited to. */
  void checkBus(String bus) {
    if (!token.allowsBus(bus)) {
      throw AwsException.accessDenied(
          operation
              + ": the key '"
              + token.name()
              + "' may act on the buses "
              + token.buses()
              + " only, not '"
              + bus
              + "'");
    }
  }
}
