/**
 * The routing rule model: immutable, validated records of a rule, its targets, retry policy and
 * input transform, plus the JSONPath subset that transforms use. No YAML, Kafka or Connect types
 * here.
 */
package dev.railyard.rules.model;
