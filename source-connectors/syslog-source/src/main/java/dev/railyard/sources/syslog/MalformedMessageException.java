package dev.railyard.sources.syslog;

/** A message that does not follow the syslog format it was read as; the reason says where. */
final class MalformedMessageException extends Exception {

  MalformedMessageException(String reason) {
    super(reason);
  }
}
