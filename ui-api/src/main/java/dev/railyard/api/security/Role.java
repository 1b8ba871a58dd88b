package dev.railyard.api.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token may do. {@link #ADMIN} may do everything; {@link #EDITOR} changes rules, connectors,
 * replays, redrives and puts events; {@link #VIEWER} only reads; {@link #PUBLISHER} only puts
 * events.
 */
public enum Role {
  ADMIN,
  EDITOR,
  VIEWER,
  PUBLISHER;

  /** The lower-case name used in the API, the CLI and the token file. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role named {@code id}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the valid roles
   */
  public static Role parse(String id) {
    for (Role role : values()) {
      if (role.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException("'" + id + "' is not a role; valid roles are " + names());
  }

  /** The valid role names, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
  }
}
