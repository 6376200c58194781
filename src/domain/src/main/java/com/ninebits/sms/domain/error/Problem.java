package com.ninebits.sms.domain.error;

import java.time.Duration;
import java.util.List;

/**
 * A failure as the gateway tells it, whichever edge tells it: the HTTP functions render it as
 * problem+json, the send-request consumer as the attributes of a dead-letter message. Built by
 * {@link Problems} only, so that one failure reads the same on every path.
 *
 * @param kind       what sort of failure it is, which fixes the status every edge quotes
 * @param code       the stable machine word ({@code invalid_request}, {@code sender_not_registered}, …)
 * @param title      a short headline for people, the same for every problem of one {@code code}
 * @param detail     this occurrence in a sentence
 * @param errors     every bad field, for a request that failed validation; empty otherwise
 * @param retryAfter how long to wait before trying again, where a retry may succeed; null otherwise
 */
public record Problem(Kind kind, String code, String title, String detail, List<FieldError> errors, Duration retryAfter) {

    public Problem {
        errors = List.copyOf(errors);
    }

    /** The status of {@link #kind()}. */
    public int status() {
        return kind.status();
    }

    /**
     * The sorts of failure. Each has the status the HTTP API answers with; the dead-letter queue
     * quotes the same number, so that a producer reads one vocabulary on both paths.
     */
    public enum Kind {
        INVALID(400, "Invalid request"),
        UNAUTHORIZED(401, "Unauthorized"),
        INSUFFICIENT_CREDIT(402, "Not enough credit"),
        FORBIDDEN(403, "Forbidden"),
        NOT_FOUND(404, "Not found"),
        METHOD_NOT_ALLOWED(405, "Method not allowed"),
        CONFLICT(409, "Conflict"),
        TOO_LARGE(413, "Payload too large"),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
        TOO_MANY_REQUESTS(429, "Too many requests"),
        SERVER_ERROR(500, "Server error"),
        UNAVAILABLE(503, "Service unavailable");

        private final int status;
        private final String title;

        Kind(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        /** The title of a problem of this kind, unless its code has a more precise one. */
        public String title() {
            return title;
        }
    }
}
