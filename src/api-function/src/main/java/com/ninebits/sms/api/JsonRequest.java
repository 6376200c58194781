package com.ninebits.sms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.adapters.json.JsonFields;
import com.ninebits.sms.adapters.json.StrictJson;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.error.FieldError;
import com.ninebits.sms.domain.error.Validation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON request body read field by field, so that one answer can name every bad field (a
 * binding library stops at the first). Unknown fields are ignored, as the contract says.
 */
public final class JsonRequest {

    private final ObjectNode root;
    private final Validation validation = new Validation();

    private JsonRequest(ObjectNode root) {
        this.root = root;
    }

    public static JsonRequest parse(ObjectMapper mapper, byte[] body, int maxBytes) {
        if (body != null && body.length > maxBytes) {
            throw new DomainException.TooLarge("the request body is larger than " + maxBytes + " bytes");
        }
        if (body == null || body.length == 0) {
            throw DomainException.Invalid.of("body", "required", "a JSON object is required");
        }
        JsonNode node;
        try {
            node = StrictJson.read(mapper, body);
        } catch (JsonProcessingException e) {
            throw DomainException.Invalid.of("body", "malformed_json", "the request body is not valid JSON");
        } catch (IOException e) {
            throw DomainException.Invalid.of("body", "malformed_json", "the request body could not be read");
        }
        if (!(node instanceof ObjectNode object)) {
            throw DomainException.Invalid.of("body", "not_an_object", "the request body must be a JSON object");
        }
        return new JsonRequest(object);
    }

    public Validation validation() {
        return validation;
    }

    public boolean has(String field) {
        return root.hasNonNull(field);
    }

    public JsonNode node(String field) {
        return root.get(field);
    }

    /** The whole body, for readers that take a JSON tree (the send request). */
    public ObjectNode root() {
        return root;
    }

    /** A string field; null when absent (and, if required, noted as missing). */
    public String text(String field, boolean required) {
        if (required && !present(field)) {
            validation.add(field, "required", field + " is required");
            return null;
        }
        return collect(JsonFields.text(root, field, errors()), errors);
    }

    public Long whole(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            validation.add(field, "invalid_type", field + " must be a whole number");
            return null;
        }
        return node.longValue();
    }

    public Integer smallWhole(String field) {
        Long value = whole(field);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            validation.add(field, "out_of_range", field + " is out of range");
            return null;
        }
        return value == null ? null : value.intValue();
    }

    /** A list of strings, given as a JSON array or (where {@code allowSingle}) one string. */
    public List<String> strings(String field, boolean required, boolean allowSingle) {
        if (required && !present(field)) {
            validation.add(field, "required", field + " is required");
            return null;
        }
        return collect(JsonFields.strings(root, field, allowSingle, errors()), errors);
    }

    private boolean present(String field) {
        JsonNode node = root.get(field);
        return node != null && !node.isNull();
    }

    /** Type errors found by {@link JsonFields} are moved into this request's validation. */
    private final List<FieldError> errors = new ArrayList<>();

    private List<FieldError> errors() {
        return errors;
    }

    private <T> T collect(T value, List<FieldError> found) {
        found.forEach(e -> validation.add(e.field(), e.code(), e.message()));
        found.clear();
        return value;
    }
}
