package com.ninebits.sms.adapters.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.ninebits.sms.domain.error.FieldError;

import java.util.ArrayList;
import java.util.List;

/**
 * Reading typed fields out of a JSON request, collecting every type error instead of stopping at
 * the first, so that one answer can name every bad field. Shared by every entry point that reads
 * customer JSON (the HTTP API and the send-request queue).
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** A string field; null when absent or of another type (then noted in {@code errors}). */
    public static String text(JsonNode root, String field, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "invalid_type", field + " must be a string"));
            return null;
        }
        return node.textValue();
    }

    /**
     * A list of strings, given as a JSON array or (where {@code allowSingle}) one string. Null when
     * absent, or when any item is not a string (each such item noted in {@code errors}): a number
     * written as a JSON number may already have lost its leading zeros or digits to the parser.
     */
    public static List<String> strings(JsonNode root, String field, boolean allowSingle, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (allowSingle && node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, "invalid_type",
                    field + (allowSingle ? " must be an array of strings or one string" : " must be an array of strings")));
            return null;
        }
        List<String> out = new ArrayList<>(node.size());
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                out.add(item.textValue());
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "invalid_type", "must be a string"));
            }
        }
        return errors.size() == before ? out : null;
    }
}
