/**
 * The AWS EventBridge API (JSON 1.1 protocol, SigV4 with key pairs Railyard issues) over the
 * platform's rule service and event publisher; docs/eventbridge-api.md describes it.
 */
package dev.railyard.api.eventbridge;
