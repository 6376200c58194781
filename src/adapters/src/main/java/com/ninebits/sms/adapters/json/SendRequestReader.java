package com.ninebits.sms.adapters.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.error.FieldError;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a send request from JSON, the same for HTTP and for the send-request queue. Type errors
 * are collected, not thrown, so that validation can name every bad field in one answer.
 */
public final class SendRequestReader {

    private SendRequestReader() {
    }

    public static SendRequest read(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        return new SendRequest(
                text(root, "from", errors),
                recipients(root, errors),
                text(root, "body", errors),
                text(root, "content", errors),
                deliveryReport(root, errors),
                text(root, "send_at", errors),
                text(root, "expire_at", errors),
                text(root, "reference_id", errors),
                text(root, "callback_url", errors),
                errors);
    }

    private static String text(JsonNode root, String field, List<FieldError> errors) {
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

    private static List<String> recipients(JsonNode root, List<FieldError> errors) {
        JsonNode node = root.get("to");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            errors.add(new FieldError("to", "invalid_type", "to must be an array of strings or one string"));
            return null;
        }
        List<String> out = new ArrayList<>(node.size());
        int before = errors.size();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (item.isTextual()) {
                out.add(item.textValue());
            } else if (item.isIntegralNumber()) {
                out.add(item.asText());
            } else {
                errors.add(new FieldError("to[" + i + "]", "invalid_type", "must be a string"));
            }
        }
        return errors.size() == before ? out : null;
    }

    private static String deliveryReport(JsonNode root, List<FieldError> errors) {
        JsonNode node = root.get("delivery_report");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? "yes" : "none";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        errors.add(new FieldError("delivery_report", "invalid_value", "delivery_report must be \"none\" or \"yes\""));
        return null;
    }
}
