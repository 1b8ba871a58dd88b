/**
 * What the HTTP API needs from the platform, as interfaces the control plane implements. The API
 * never reaches Kafka, Connect or processes except through these.
 */
package dev.railyard.api.platform;
