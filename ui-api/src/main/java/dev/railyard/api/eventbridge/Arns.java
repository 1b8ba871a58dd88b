package dev.railyard.api.eventbridge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names and ARNs of the EventBridge API. A bus is named as itself or by {@code
 * arn:aws:events:<region>:<account>:event-bus/<bus>}; a rule's ARN is {@code
 * arn:aws:events:<region>:000000000000:rule/<name>} ({@code rule/<bus>/<name>} off the default
 * bus); a target's {@code Arn} names a connector config uploaded to Railyard, used as the target's
 * template: {@code arn:railyard:connector:::<connector name>}. Stateless.
 */
final class Arns {

  static final String DEFAULT_BUS = "default";

  /** The form of a target's Arn. */
  static final String CONNECTOR_PREFIX = "arn:railyard:connector:::";

  private static final Pattern BUS_ARN =
      Pattern.compile("arn:aws[a-z-]*:events:[^:]*:[^:]*:event-bus/(.+)");

  private Arns() {}

  /** The bus an {@code EventBusName} names: the name itself or the last part of its ARN. */
  static String busName(String nameOrArn) {
    Matcher m = BUS_ARN.matcher(nameOrArn);
    return m.matches() ? m.group(1) : nameOrArn;
  }

  static String busArn(String region, String bus) {
    return "arn:aws:events:" + region + ":" + Envelope.ACCOUNT + ":event-bus/" + bus;
  }

  static String ruleArn(String region, String bus, String rule) {
    return "arn:aws:events:"
        + region
        + ":"
        + Envelope.ACCOUNT
        + ":rule/"
        + (bus.equals(DEFAULT_BUS) ? "" : bus + "/")
        + rule;
  }

  static String connectorArn(String connector) {
    return CONNECTOR_PREFIX + connector;
  }

  /**
   * The connector a target's Arn names.
   *
   * @throws AwsException {@code ValidationException} naming the field, for another form
   */
  static String connector(String arn, String field) {
    if (arn == null
        || !arn.startsWith(CONNECTOR_PREFIX)
        || arn.length() == CONNECTOR_PREFIX.length()) {
      throw AwsException.validation(
          field
              + " must name a connector config uploaded to Railyard, as "
              + CONNECTOR_PREFIX
              + "<connector name>, not '"
              + arn
              + "'");
    }
    return arn.substring(CONNECTOR_PREFIX.length());
  }
}
