package com.ninebits.sms.domain.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one table of failures: each {@link DomainException} becomes one {@link Problem}, and so do
 * the failures an edge meets before any use case runs (a body that is not JSON, a method the
 * resource does not take). Edges render what this builds; none builds its own.
 */
public final class Problems {

    /** Each kind of domain failure and the kind of problem it is; every one of them is here. */
    private static final Map<Class<? extends DomainException>, Problem.Kind> KINDS = Map.of(
            DomainException.Invalid.class, Problem.Kind.INVALID,
            DomainException.Unauthorized.class, Problem.Kind.UNAUTHORIZED,
            DomainException.InsufficientCredit.class, Problem.Kind.INSUFFICIENT_CREDIT,
            DomainException.Forbidden.class, Problem.Kind.FORBIDDEN,
            DomainException.NotFound.class, Problem.Kind.NOT_FOUND,
            DomainException.Conflict.class, Problem.Kind.CONFLICT,
            DomainException.TooLarge.class, Problem.Kind.TOO_LARGE,
            DomainException.Unavailable.class, Problem.Kind.UNAVAILABLE,
            DomainException.TooManyRequests.class, Problem.Kind.TOO_MANY_REQUESTS);

    private Problems() {
    }

    public static Problem of(DomainException e) {
        Problem.Kind kind = KINDS.get(e.getClass());
        List<FieldError> errors = e instanceof DomainException.Invalid invalid ? invalid.errors() : List.of();
        Duration retryAfter = null;
        if (e instanceof DomainException.Unavailable unavailable) {
            retryAfter = Duration.ofSeconds(unavailable.retryAfterSeconds());
        } else if (e instanceof DomainException.TooManyRequests tooMany) {
            retryAfter = Duration.ofSeconds(tooMany.retryAfterSeconds());
        }
        return new Problem(kind, e.code(), kind.title(), e.detail(), errors, retryAfter);
    }

    /** A request body that is not JSON at all. */
    public static Problem malformedJson() {
        return new Problem(Problem.Kind.INVALID, "malformed_json", "Malformed JSON", "the request body is not valid JSON",
                List.of(), null);
    }

    /** A queue message whose envelope cannot be read as a send request. */
    public static Problem malformedRequest(String detail, List<FieldError> errors) {
        return new Problem(Problem.Kind.INVALID, "malformed_request", "Malformed request", detail, errors, null);
    }

    /**
     * An {@code account_id} that names no account. A queue message carries no credential, so this
     * is what an {@link DomainException.Unauthorized} means there.
     */
    public static Problem unknownAccount() {
        return problem(Problem.Kind.NOT_FOUND, "unknown_account", "account_id names no account");
    }

    /** A path no resource serves. */
    public static Problem noSuchResource() {
        return problem(Problem.Kind.NOT_FOUND, "not_found", "no such resource");
    }

    public static Problem methodNotAllowed() {
        return problem(Problem.Kind.METHOD_NOT_ALLOWED, "method_not_allowed", "this resource does not take that method");
    }

    public static Problem unsupportedMediaType() {
        return problem(Problem.Kind.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "send application/json");
    }

    /** A body over the size the edge reads. */
    public static Problem bodyTooLarge() {
        return problem(Problem.Kind.TOO_LARGE, "payload_too_large", "the request body is too large");
    }

    /** A request the edge's framework refused for a reason of its own (its status is kept by the renderer). */
    public static Problem refused(String detail) {
        return new Problem(Problem.Kind.INVALID, "bad_request", "Request refused", detail, List.of(), null);
    }

    /** The store or queue failed before anything took effect: the caller may retry as it is. */
    public static Problem backendUnavailable() {
        return new Problem(Problem.Kind.UNAVAILABLE, "temporarily_unavailable", Problem.Kind.UNAVAILABLE.title(),
                "a backing service is unavailable; nothing was changed, retry shortly", List.of(), Duration.ofSeconds(1));
    }

    /** Anything unexpected. */
    public static Problem serverError() {
        return problem(Problem.Kind.SERVER_ERROR, "server_error", "the request could not be completed; nothing was changed");
    }

    private static Problem problem(Problem.Kind kind, String code, String detail) {
        return new Problem(kind, code, kind.title(), detail, List.of(), null);
    }
}
