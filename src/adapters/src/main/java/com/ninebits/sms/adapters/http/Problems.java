package com.ninebits.sms.adapters.http;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The one place that turns a failure into an HTTP status and a problem+json body. */
public final class Problems {

    private static final String TYPE_BASE = "https://docs.sms-gateway.dev/problems/";

    private Problems() {
    }

    public static Response of(DomainException e) {
        // Java 17 has no pattern switch: the sealed hierarchy is walked by hand, and the last
        // branch is the only kind left.
        if (e instanceof DomainException.Invalid invalid) {
            return response(400, "Invalid request", invalid.detail(), invalid.code(), invalid.errors());
        }
        if (e instanceof DomainException.Unauthorized u) {
            return Response.fromResponse(response(401, "Unauthorized", u.detail(), u.code(), null))
                    .header("WWW-Authenticate", "Bearer realm=\"sms\"").build();
        }
        if (e instanceof DomainException.InsufficientCredit c) {
            return response(402, "Not enough credit", c.detail(), c.code(), null);
        }
        if (e instanceof DomainException.Forbidden f) {
            return response(403, "Forbidden", f.detail(), f.code(), null);
        }
        if (e instanceof DomainException.NotFound n) {
            return response(404, "Not found", n.detail(), n.code(), null);
        }
        if (e instanceof DomainException.Conflict c) {
            return response(409, "Conflict", c.detail(), c.code(), null);
        }
        if (e instanceof DomainException.TooLarge t) {
            return response(413, "Payload too large", t.detail(), t.code(), null);
        }
        DomainException.Unavailable u = (DomainException.Unavailable) e;
        return Response.fromResponse(response(503, "Service unavailable", u.detail(), u.code(), null))
                .header("Retry-After", u.retryAfterSeconds()).build();
    }

    public static Response response(int status, String title, String detail, String code, List<FieldError> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_BASE + code, title, status, detail, code, errors))
                .build();
    }
}
