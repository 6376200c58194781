package com.ninebits.sms.adapters.sinch;

import com.ninebits.sms.adapters.http.ProblemBody;
import com.ninebits.sms.domain.error.FieldError;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one translation of the gateway's problems into Sinch's error bodies ({@code {code, text}}):
 * Sinch's SDKs read the body of a 400 and a 403 (a 401 and a 404 by status alone). A failure
 * Sinch has a word for gets Sinch's word; any other keeps the gateway's {@code code} and status,
 * except that a lack of credit is a 403, where the SDKs read it.
 */
public final class SinchErrors {

    public static final String INVALID_JSON = "syntax_invalid_json";
    public static final String INVALID_FORMAT = "syntax_invalid_parameter_format";
    public static final String CONSTRAINT = "syntax_constraint_violation";

    /** Field codes of the gateway and the Sinch error each one is; unlisted codes are constraint violations. */
    private static final Map<String, Answer> BY_FIELD_CODE = Map.ofEntries(
            Map.entry("malformed_json", new Answer(400, INVALID_JSON)),
            Map.entry("not_an_object", new Answer(400, INVALID_JSON)),
            Map.entry("invalid_type", new Answer(400, INVALID_JSON)),
            Map.entry("invalid_timestamp", new Answer(400, INVALID_FORMAT)),
            Map.entry("invalid_value", new Answer(400, INVALID_FORMAT)),
            Map.entry("invalid_sender_id", new Answer(400, INVALID_FORMAT)),
            Map.entry("invalid_number", new Answer(400, INVALID_FORMAT)),
            Map.entry("invalid_url", new Answer(400, INVALID_FORMAT)),
            Map.entry("invalid_status", new Answer(400, INVALID_FORMAT)),
            Map.entry("invalid_page_token", new Answer(400, INVALID_FORMAT)),
            Map.entry("no_webhook", new Answer(403, "missing_callback_url")),
            Map.entry("missing_parameter", new Answer(403, "missing_parameter")),
            Map.entry("unknown_group", new Answer(403, "unknown_group")));

    /** Problem codes (without bad fields) that Sinch has a word for. */
    private static final Map<String, Answer> BY_CODE = Map.of(
            "malformed_json", new Answer(400, INVALID_JSON),
            "unauthorized", new Answer(401, "unauthorized"),
            "not_found", new Answer(404, "not_found"),
            "insufficient_credit", new Answer(403, "insufficient_credit"));

    private SinchErrors() {
    }

    /** Sinch's error body. */
    @RegisterForReflection
    public record Body(String code, String text) {
    }

    /** The status to answer with and the body. */
    public record Answer(int status, String code) {
    }

    public record Rendered(int status, Body body) {
    }

    public static Rendered of(ProblemBody problem) {
        List<FieldError> errors = problem.errors() == null ? List.of() : problem.errors();
        Answer answer = errors.isEmpty() ? byCode(problem) : byFields(errors);
        String text = errors.isEmpty() ? problem.detail()
                : errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new Rendered(answer.status(), new Body(answer.code(), text));
    }

    private static Answer byCode(ProblemBody problem) {
        Answer known = BY_CODE.get(problem.code());
        if (known != null) {
            return known;
        }
        return problem.status() == 400 ? new Answer(400, CONSTRAINT) : new Answer(problem.status(), problem.code());
    }

    /** One answer names one code: the most basic fault wins (unreadable JSON, then a bad format, then the rest). */
    private static Answer byFields(List<FieldError> errors) {
        Answer best = null;
        for (FieldError e : errors) {
            Answer a = BY_FIELD_CODE.getOrDefault(e.code(), new Answer(400, CONSTRAINT));
            if (best == null || rank(a) < rank(best)) {
                best = a;
            }
        }
        return best;
    }

    private static int rank(Answer a) {
        return switch (a.code()) {
            case INVALID_JSON -> 0;
            case INVALID_FORMAT -> 1;
            case CONSTRAINT -> 2;
            default -> 3;
        };
    }
}
