package com.ninebits.sms.adapters.http;

import com.ninebits.sms.domain.error.Problem;
import com.ninebits.sms.domain.error.Problems;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Renders a {@link Problem} as an HTTP answer: its status, a problem+json body, and {@code Retry-After} where it has one. */
public final class ProblemResponses {

    private static final String TYPE_BASE = "https://docs.sms-gateway.dev/problems/";

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return of(problem, problem.status());
    }

    /**
     * At a status the HTTP framework already chose (a refusal of its own, such as 406), which
     * the body then states too.
     */
    public static Response of(Problem problem, int status) {
        Response.ResponseBuilder answer = Response.status(status).type(ProblemBody.MEDIA_TYPE).entity(body(problem, status));
        if (problem.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, problem.retryAfter().toSeconds());
        }
        return answer.build();
    }

    /**
     * A refusal the HTTP framework made itself (no such route, another method or media type, a
     * body too large), in the contract's words rather than the framework's page.
     */
    public static Response ofFramework(int status, String message) {
        return switch (status) {
            case 404 -> of(Problems.noSuchResource());
            case 405 -> of(Problems.methodNotAllowed());
            case 413 -> of(Problems.bodyTooLarge());
            case 415 -> of(Problems.unsupportedMediaType());
            default -> status >= 500 ? of(Problems.serverError(), status) : of(Problems.refused(message), status);
        };
    }

    /** The body alone; {@code errors} appears when there are bad fields to name. */
    public static ProblemBody body(Problem problem, int status) {
        return new ProblemBody(TYPE_BASE + problem.code(), problem.title(), status, problem.detail(), problem.code(),
                problem.errors().isEmpty() ? null : problem.errors());
    }
}
