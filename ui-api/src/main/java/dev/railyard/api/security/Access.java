package dev.railyard.api.security;

import java.util.Locale;

/**
 * What a route asks of its caller. Each operation of the OpenAPI document names one with {@code
 * x-railyard-role}; a route that names none needs {@link #ADMIN}.
 */
public enum Access {
  /** Anyone, without a token: {@code GET /health} and the login page. */
  PUBLIC,
  /** Any valid token, whatever its role: who am I, the session cookie. */
  AUTHENTICATED,
  /** Reads: viewers, editors and admins. */
  VIEWER,
  /** Putting events: publishers, editors and admins. */
  PUBLISHER,
  /** Changing rules, connectors, replays and redrives: editors and admins. */
  EDITOR,
  /** Plugins, workers, tokens, offsets, the Connect pass-through's writes: admins only. */
  ADMIN;

  /** Whether a token of {@code role} may call a route that needs this. */
  public boolean allows(Role role) {
    return switch (this) {
      case PUBLIC, AUTHENTICATED -> true;
      case VIEWER -> role == Role.VIEWER || role == Role.EDITOR || role == Role.ADMIN;
      case PUBLISHER -> role == Role.PUBLISHER || role == Role.EDITOR || role == Role.ADMIN;
      case EDITOR -> role == Role.EDITOR || role == Role.ADMIN;
      case ADMIN -> role == Role.ADMIN;
    };
  }

  /** The lower-case name used in the OpenAPI document. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The access named {@code id} in the OpenAPI document.
   *
   * @throws IllegalArgumentException when it names none
   */
  public static Access parse(String id) {
    for (Access access : values()) {
      if (access.id().equals(id)) {
        return access;
      }
    }
    throw new IllegalArgumentException("'" + id + "' is not an access level");
  }
}
