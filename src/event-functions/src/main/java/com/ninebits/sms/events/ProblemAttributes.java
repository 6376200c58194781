package com.ninebits.sms.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns a refused send request into the problem {@code POST /ng/v1/sendsms}
 * would have answered (same {@code code} and status), carried as message attributes on the
 * send-request dead-letter queue.
 */
final class ProblemAttributes {

    static final String CODE = "problem_code";
    static final String STATUS = "problem_status";
    static final String DETAIL = "problem_detail";
    static final String ERRORS = "problem_errors";
    static final String ERRORS_OMITTED = "problem_errors_omitted";
    static final String REFERENCE_ID = "reference_id";

    /** The SQS limit for one message, body and attributes together (the pre-2025 figure, which ElasticMQ keeps). */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** A batch of 10,000 bad numbers would otherwise list every one; the first errors tell the producer enough. */
    static final int MAX_ERRORS_BYTES = 16 * 1024;
    static final int MAX_DETAIL_CHARS = 1024;
    private static final int MAX_REFERENCE_CHARS = 256;

    private ProblemAttributes() {
    }

    record Problem(String code, int status, String detail, List<FieldError> errors) {
    }

    /**
     * Whether a redelivery may succeed. {@code request_in_progress} is an identical message still
     * being accepted elsewhere (SQS delivered it twice at once): the redelivery then replays that
     * acceptance, or redoes it if it was abandoned; in the dead-letter queue it would be lost.
     */
    static boolean retryable(DomainException e) {
        return e instanceof DomainException.Unavailable
                || (e instanceof DomainException.Conflict && "request_in_progress".equals(e.code()));
    }

    static Problem of(DomainException e) {
        // Java 17 has no pattern switch: the sealed hierarchy is walked by hand, and the last
        // branch is the only kind left.
        if (e instanceof DomainException.Invalid invalid) {
            return new Problem(invalid.code(), 400, invalid.detail(), invalid.errors());
        }
        if (e instanceof DomainException.Unauthorized) {
            // A queue message carries no credential: the only thing that can be unauthorised about
            // it is an account_id that names no account, which the API answers with 404.
            return new Problem("unknown_account", 404, "account_id names no account", List.of());
        }
        if (e instanceof DomainException.InsufficientCredit c) {
            return new Problem(c.code(), 402, c.detail(), List.of());
        }
        if (e instanceof DomainException.Forbidden f) {
            return new Problem(f.code(), 403, f.detail(), List.of());
        }
        if (e instanceof DomainException.NotFound n) {
            return new Problem(n.code(), 404, n.detail(), List.of());
        }
        if (e instanceof DomainException.Conflict c) {
            return new Problem(c.code(), 409, c.detail(), List.of());
        }
        if (e instanceof DomainException.TooLarge t) {
            return new Problem(t.code(), 413, t.detail(), List.of());
        }
        DomainException.Unavailable u = (DomainException.Unavailable) e;
        return new Problem(u.code(), 503, u.detail(), List.of());
    }

    static Problem malformed(String detail, List<FieldError> errors) {
        return new Problem("malformed_request", 400, detail, errors);
    }

    /**
     * The attributes for the dead-letter copy of {@code body}. Field errors are cut to what fits
     * beside the body in one SQS message (the count of those left out is given), so that a
     * refused request still reaches the dead-letter queue with its problem attached.
     */
    static Map<String, MessageAttributeValue> attributes(Problem problem, String referenceId, String body,
                                                          ObjectMapper json) {
        Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
        put(out, CODE, "String", problem.code());
        put(out, STATUS, "Number", Integer.toString(problem.status()));
        put(out, DETAIL, "String", clip(problem.detail(), MAX_DETAIL_CHARS));
        if (referenceId != null) {
            put(out, REFERENCE_ID, "String", clip(referenceId, MAX_REFERENCE_CHARS));
        }
        if (!problem.errors().isEmpty()) {
            int room = MAX_MESSAGE_BYTES - utf8(body) - size(out) - 2 * 64;
            Listed listed = list(problem.errors(), Math.min(MAX_ERRORS_BYTES, room), json);
            if (listed.kept() > 0) {
                put(out, ERRORS, "String", listed.json());
            }
            if (listed.kept() < problem.errors().size()) {
                put(out, ERRORS_OMITTED, "Number", Integer.toString(problem.errors().size() - listed.kept()));
            }
        }
        return out;
    }

    private record Listed(String json, int kept) {
    }

    private static Listed list(List<FieldError> errors, int budget, ObjectMapper json) {
        StringBuilder out = new StringBuilder("[");
        int kept = 0;
        int bytes = 2;
        for (FieldError error : errors) {
            ObjectNode node = json.createObjectNode()
                    .put("field", error.field())
                    .put("code", error.code())
                    .put("message", error.message());
            String entry = sqsSafe(write(json, node));
            int entryBytes = utf8(entry) + (kept == 0 ? 0 : 1);
            if (bytes + entryBytes > budget) {
                break;
            }
            if (kept > 0) {
                out.append(',');
            }
            out.append(entry);
            bytes += entryBytes;
            kept++;
        }
        return new Listed(out.append(']').toString(), kept);
    }

    private static String write(ObjectMapper json, ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static void put(Map<String, MessageAttributeValue> out, String name, String type, String value) {
        // SQS refuses empty attribute values.
        if (value == null || value.isEmpty()) {
            return;
        }
        out.put(name, MessageAttributeValue.builder().dataType(type).stringValue(sqsSafe(value)).build());
    }

    private static int size(Map<String, MessageAttributeValue> attributes) {
        int bytes = 0;
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            bytes += utf8(e.getKey()) + utf8(e.getValue().dataType()) + utf8(e.getValue().stringValue());
        }
        return bytes;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String clip(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end) + "…";
    }

    /**
     * SQS refuses the whole message if an attribute holds a character outside XML's set (control
     * characters, lone surrogates), and details and field errors quote what the producer sent.
     */
    static String sqsSafe(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (!allowed && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                if (allowed) {
                    out.appendCodePoint(cp);
                } else {
                    out.append('\uFFFD');
                }
            }
            i += width;
        }
        return out == null ? s : out.toString();
    }
}
