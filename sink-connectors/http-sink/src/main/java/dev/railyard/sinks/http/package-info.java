/**
 * Railyard's HTTP sink connector: sends each record's value to one HTTP endpoint (a webhook or
 * function target), and says through the exception it throws whether a failed delivery may pass
 * later.
 */
package dev.railyard.sinks.http;
