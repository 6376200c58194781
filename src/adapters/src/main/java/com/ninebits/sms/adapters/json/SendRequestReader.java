package com.ninebits.sms.adapters.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.error.FieldError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
                JsonFields.text(root, "from", errors),
                JsonFields.strings(root, "to", true, errors),
                JsonFields.text(root, "body", errors),
                JsonFields.text(root, "content", errors),
                deliveryReport(root, errors),
                JsonFields.text(root, "send_at", errors),
                JsonFields.text(root, "expire_at", errors),
                JsonFields.text(root, "reference_id", errors),
                JsonFields.text(root, "callback_url", errors),
                errors,
                parameters(root, errors), JsonFields.text(root, "quiet_hours", errors));
    }

    /**
     * {@code parameters}: an object of objects of strings, each bad member named on its own. Order
     * is kept, so that where two spellings of one number differ, the first given wins.
     */
    public static Map<String, Map<String, String>> parameters(JsonNode root, List<FieldError> errors) {
        JsonNode node = root.get("parameters");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("parameters", "invalid_type", "parameters must be an object of objects of strings"));
            return null;
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(name -> {
            String field = "parameters." + name.getKey();
            if (!name.getValue().isObject()) {
                errors.add(new FieldError(field, "invalid_type", field + " must be an object of strings"));
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            name.getValue().fields().forEachRemaining(value -> {
                if (value.getValue().isTextual()) {
                    values.put(value.getKey(), value.getValue().textValue());
                } else {
                    errors.add(new FieldError(field + "." + value.getKey(), "invalid_type",
                            field + "." + value.getKey() + " must be a string"));
                }
            });
            out.put(name.getKey(), values);
        });
        return out;
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
