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
                JsonFields.text(root, "quiet_hours", errors));
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
