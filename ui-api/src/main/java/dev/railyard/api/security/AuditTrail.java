package dev.railyard.api.security;

import java.time.Instant;
import java.util.List;

/**
 * Where every state-changing call is recorded, refused ones included: who (the token's id and name,
 * never the token), with which role, what (method, route, the path naming the target) and the
 * answer's status. Implementations are thread-safe and must not block the caller for long.
 */
public interface AuditTrail {

  /**
   * One call.
   *
   * @param tokenId the caller's token id, or null when it sent none that was valid
   * @param role the token's role, or null
   * @param route the route's template, e.g. {@code /api/v1/rules/:name}
   * @param target the request's path, which names what it acted on
   */
  record Entry(
      Instant time,
      String tokenId,
      String tokenName,
      String role,
      String method,
      String route,
      String target,
      int status,
      String remote) {}

  /** Records one call. */
  void record(Entry entry);

  /** The most recent calls, oldest first, at most {@code limit}. */
  List<Entry> recent(int limit);

  /** Records nothing. */
  AuditTrail NONE =
      new AuditTrail() {
        @Override
        public void record(Entry entry) {}

        @Override
        public List<Entry> recent(int limit) {
          return List.of();
        }
      };
}
