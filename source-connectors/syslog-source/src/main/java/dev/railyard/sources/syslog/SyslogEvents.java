package dev.railyard.sources.syslog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * Writes syslog messages as CloudEvents 1.0 in the JSON event format (structured mode). Syslog
 * messages have no id, so each event gets a random UUID: a message sent twice is two events.
 * Thread-safe.
 */
final class SyslogEvents {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final String type;

  SyslogEvents(String type) {
    this.type = type;
  }

  /** The event of a parsed message. */
  String event(SyslogMessage m, Received r) {
    String host = m.hostname() != null ? m.hostname() : r.sender().getAddress().getHostAddress();
    ObjectNode event = envelope(host, m.appName(), m.timestamp(), r);
    event.put("severity", m.severityName());
    event.put("severitycode", m.severity());
    event.put("facility", m.facilityName());
    event.put("facilitycode", m.facility());
    putIfPresent(event, "hostname", m.hostname());
    putIfPresent(event, "appname", m.appName());
    putIfPresent(event, "procid", m.procId());
    putIfPresent(event, "msgid", m.msgId());
    event.put("syslogformat", m.format().name().toLowerCase(java.util.Locale.ROOT));
    ObjectNode data = event.putObject("data");
    data.put("message", m.message());
    ObjectNode sd = data.putObject("structuredData");
    for (Map.Entry<String, Map<String, String>> element : m.structuredData().entrySet()) {
      ObjectNode params = sd.putObject(element.getKey());
      element.getValue().forEach(params::put);
    }
    putSender(data, r);
    return event.toString();
  }

  /** The event of a message that could not be parsed: its text and why, flagged malformed. */
  String malformed(Received r, String error) {
    String host = r.sender().getAddress().getHostAddress();
    ObjectNode event = envelope(host, null, null, r);
    event.put("malformed", true);
    ObjectNode data = event.putObject("data");
    data.put("raw", SyslogParser.text(r.bytes()));
    data.put("error", error);
    putSender(data, r);
    return event.toString();
  }

  private ObjectNode envelope(String host, String app, OffsetDateTime time, Received r) {
    ObjectNode event = JSON.createObjectNode();
    event.put("specversion", "1.0");
    event.put("id", UUID.randomUUID().toString());
    event.put("source", "syslog://" + encode(host) + (app == null ? "" : "/" + encode(app)));
    event.put("type", type);
    OffsetDateTime at = time != null ? time : r.at().atOffset(ZoneOffset.UTC);
    event.put("time", RFC3339.format(at));
    event.put("datacontenttype", "application/json");
    if (r.truncated()) {
      event.put("truncated", true);
    }
    return event;
  }

  private static void putSender(ObjectNode data, Received r) {
    data.put("sender", r.sender().getAddress().getHostAddress() + ":" + r.sender().getPort());
    data.put("transport", r.transport());
  }

  private static void putIfPresent(ObjectNode event, String name, String value) {
    if (value != null) {
      event.put(name, value);
    }
  }

  /** Percent-encodes all but RFC 3986's unreserved characters, so the source is a valid URI. */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
