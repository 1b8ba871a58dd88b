package dev.railyard.api.security;

import java.util.Objects;

/**
 * Who is calling: the token a request was authenticated with and how it came.
 *
 * @param token the stored token
 * @param via how the token was presented
 * @param session the browser session it came through, or null for a bearer or basic request
 */
public record Caller(Token token, Via via, Sessions.Session session) {

  /** Where a request's caller is kept in its routing context (the audit log reads it there). */
  public static final String CONTEXT_KEY = "railyard.caller";

  /** How a request carried its token. */
  public enum Via {
    /** {@code Authorization: Bearer <token>}. */
    BEARER,
    /** {@code Authorization: Basic}, the token as the password (the Connect pass-through only). */
    BASIC,
    /** The session cookie of a browser that logged in with the token. */
    SESSION,
    /** An AWS SigV4 signature made with the token's key pair (the EventBridge API only). */
    SIGV4
  }

  public Caller {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(via, "via");
  }
}
