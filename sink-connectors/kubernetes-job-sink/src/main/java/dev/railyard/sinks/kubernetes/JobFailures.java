package dev.railyard.sinks.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Says what a failed call to the API server means for the record: may it pass later (the server
 * busy, unreachable, or refusing for now), or would it be refused again. Stateless.
 */
final class JobFailures {

  private JobFailures() {}

  /** 409 AlreadyExists on create: the Job of this event exists, so the event is delivered. */
  static boolean alreadyExists(KubernetesClientException e) {
    return e.getCode() == 409;
  }

  static ConnectException classify(String what, KubernetesClientException e) {
    int code = e.getCode();
    String message = what + " failed" + (code > 0 ? " with " + code : "") + ": " + e.getMessage();
    // 0: no answer; 401/403: credentials or RBAC being fixed; 404: the namespace not there yet;
    // 408, 429, 5xx: the server busy or down
    if (code == 0
        || code == 401
        || code == 403
        || code == 404
        || code == 408
        || code == 429
        || code >= 500) {
      return new RetriableException(message, e);
    }
    // 400, 422: the Job as the template and event make it is invalid, and would be again
    return new DataException(message, e);
  }
}
