package dev.railyard.api.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Browser sessions: a random id in an HttpOnly, SameSite=Strict cookie stands for the token the
 * person logged in with, and a CSRF token of its own that state-changing requests must repeat in a
 * header. Sessions live in memory: a restart logs everyone out. A session ends after {@link #IDLE}
 * without use, after {@link #LIFETIME} in any case, and with its token.
 *
 * <p>Thread-safe.
 */
public final class Sessions {

  public static final Duration IDLE = Duration.ofHours(8);
  public static final Duration LIFETIME = Duration.ofHours(24);
  static final int MAX_SESSIONS = 10_000;

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  public Sessions() {
    this(Clock.systemUTC());
  }

  Sessions(Clock clock) {
    this.clock = clock;
  }

  /** One logged-in browser. */
  public record Session(
      String id, String tokenId, String csrf, Instant started, Instant lastUsed) {}

  /**
   * Starts a session for the token with this id; the oldest session goes when there are too many.
   */
  public synchronized Session start(String tokenId) {
    if (sessions.size() >= MAX_SESSIONS) {
      Iterator<String> oldest = sessions.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    Instant now = Instant.now(clock);
    Session session = new Session(randomId(), tokenId, randomId(), now, now);
    sessions.put(session.id(), session);
    return session;
  }

  /** The live session with this id, marked as used now. */
  public synchronized Optional<Session> use(String id) {
    Session session = id == null ? null : sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    Instant now = Instant.now(clock);
    if (now.isAfter(session.lastUsed().plus(IDLE))
        || now.isAfter(session.started().plus(LIFETIME))) {
      sessions.remove(id);
      return Optional.empty();
    }
    Session used =
        new Session(session.id(), session.tokenId(), session.csrf(), session.started(), now);
    sessions.put(id, used);
    return Optional.of(used);
  }

  /** Ends the session with this id, if there is one. */
  public synchronized void end(String id) {
    if (id != null) {
      sessions.remove(id);
    }
  }

  /** Ends every session of the token with this id (it was revoked). */
  public synchronized void endAll(String tokenId) {
    sessions.values().removeIf(s -> s.tokenId().equals(tokenId));
  }

  private String randomId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
