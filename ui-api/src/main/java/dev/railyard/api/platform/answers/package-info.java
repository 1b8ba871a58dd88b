/**
 * What the platform answers on success: one immutable record per answer of the HTTP API, rendered
 * to JSON by Jackson as they are. Each is named after its schema in the OpenAPI document.
 */
package dev.railyard.api.platform.answers;
