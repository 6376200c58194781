package com.ninebits.sms.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.error.Problem;
import com.ninebits.sms.domain.error.Problems;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the {@link Problem} of a refused send request as the attributes of its copy on the
 * send-request dead-letter queue: the same {@code code}, status and detail {@code POST /ng/v1/sendsms}
 * would have answered, since both come from {@link Problems}.
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

    /**
     * Whether a redelivery may succeed. {@code request_in_progress} is an identical message still
     * being accepted elsewhere (SQS delivered it twice at once): the redelivery then replays that
     * acceptance, or redoes it if it was abandoned; in the dead-letter queue it would be lost.
     */
    static boolean retryable(DomainException e) {
        return e instanceof DomainException.Unavailable
                || (e instanceof DomainException.Conflict && "request_in_progress".equals(e.code()));
    }

    /**
     * The problem of a send request the use case refused. A queue message carries no credential:
     * the only thing that can be unauthorised about it is an account_id that names no account.
     */
    static Problem of(DomainException e) {
        return e instanceof DomainException.Unauthorized ? Problems.unknownAccount() : Problems.of(e);
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
