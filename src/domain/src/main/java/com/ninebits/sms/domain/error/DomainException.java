package com.ninebits.sms.domain.error;

import java.util.List;

/**
 * A failure the caller must be told about. Each kind carries a stable {@code code};
 * {@link Problems#of} turns it into the one {@link Problem} every edge renders.
 */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.Invalid, DomainException.NotFound, DomainException.Conflict,
        DomainException.Forbidden, DomainException.InsufficientCredit, DomainException.Unauthorized,
        DomainException.TooLarge, DomainException.Unavailable, DomainException.TooManyRequests {

    private final String code;

    private DomainException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }

    /** The request is malformed or invalid; every bad field is named. */
    public static final class Invalid extends DomainException {
        private final List<FieldError> errors;

        public Invalid(String detail, List<FieldError> errors) {
            super("invalid_request", detail);
            this.errors = List.copyOf(errors);
        }

        public static Invalid of(String field, String code, String message) {
            return new Invalid(message, List.of(new FieldError(field, code, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** Unknown, or belongs to another account: both look the same from outside. */
    public static final class NotFound extends DomainException {
        public NotFound(String what) {
            super("not_found", what + " not found");
        }
    }

    public static final class Conflict extends DomainException {
        public Conflict(String code, String detail) {
            super(code, detail);
        }
    }

    public static final class Forbidden extends DomainException {
        public Forbidden(String code, String detail) {
            super(code, detail);
        }
    }

    public static final class InsufficientCredit extends DomainException {
        private final long required;
        private final long balance;

        public InsufficientCredit(long required, long balance) {
            super("insufficient_credit", "the batch needs " + required + " credits; the balance is " + balance);
            this.required = required;
            this.balance = balance;
        }

        public long required() {
            return required;
        }

        public long balance() {
            return balance;
        }
    }

    public static final class Unauthorized extends DomainException {
        public Unauthorized(String detail) {
            super("unauthorized", detail);
        }
    }

    public static final class TooLarge extends DomainException {
        public TooLarge(String detail) {
            super("payload_too_large", detail);
        }
    }

    /** A dependency failed in a way a retry may fix; nothing was left half-done. */
    public static final class Unavailable extends DomainException {
        private final int retryAfterSeconds;

        public Unavailable(String code, String detail, int retryAfterSeconds) {
            super(code, detail);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The caller went past its request rate, or failed to authenticate too often: it may try again after the wait. */
    public static final class TooManyRequests extends DomainException {
        private final int retryAfterSeconds;

        public TooManyRequests(String detail, int retryAfterSeconds) {
            super("too_many_requests", detail);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
