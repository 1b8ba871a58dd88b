/**
 * Who may call the API: tokens (stored hashed, with a role and optionally the buses they are
 * limited to), browser sessions, the access each route needs, and the gate that checks all of it
 * before any route runs.
 */
package dev.railyard.api.security;
