package dev.railyard.rules.cloudevents;

/**
 * Why a PutEvents entry was refused.
 *
 * @param code a stable machine-readable code: {@code InvalidArgument} or {@code EntryTooLarge}
 * @param message what is wrong and what would be valid, naming the field
 */
public record EntryProblem(String code, String message) {

  static EntryProblem invalid(String message) {
    return new EntryProblem("InvalidArgument", message);
  }
}
