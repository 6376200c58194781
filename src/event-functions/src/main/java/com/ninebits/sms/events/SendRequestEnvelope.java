package com.ninebits.sms.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.adapters.json.StrictJson;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.error.FieldError;

import java.util.ArrayList;
import java.util.List;

/**
 * A message of the send-request queue: {@code {"account_id": "…", "request": {…}}}, where the
 * request is the same JSON as {@code POST /ng/v1/sendsms}.
 */
sealed interface SendRequestEnvelope permits SendRequestEnvelope.Readable, SendRequestEnvelope.Malformed {

    /**
     * {@code givenReference} is what the producer wrote, for logs and the dead-letter queue;
     * {@code request} carries the reference the batch is accepted under.
     */
    record Readable(String accountId, ObjectNode request, String givenReference) implements SendRequestEnvelope {
    }

    /** Not a send-request message at all; {@code accountId} and {@code givenReference} when they could be read. */
    record Malformed(String detail, List<FieldError> errors, String accountId, String givenReference)
            implements SendRequestEnvelope {
    }

    /**
     * Reads a message body. A request without {@code reference_id} gets the SQS message id as its
     * reference: SQS delivers at least once, and a redelivered message keeps its id, so a redelivery
     * replays the first acceptance instead of sending and charging a second time.
     */
    static SendRequestEnvelope read(ObjectMapper json, String body, String messageId) {
        if (body == null || body.isBlank()) {
            return new Malformed("the message body is empty", List.of(), null, null);
        }
        JsonNode root;
        try {
            root = StrictJson.read(json, body);
        } catch (JsonProcessingException e) {
            return new Malformed("the message body is not valid JSON", List.of(), null, null);
        }
        if (root == null || !root.isObject()) {
            return new Malformed("the message body must be a JSON object", List.of(), null, null);
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode account = root.get("account_id");
        String accountId = null;
        if (account == null || account.isNull()) {
            errors.add(new FieldError("account_id", "required", "account_id is required"));
        } else if (!account.isTextual() || account.textValue().isBlank()) {
            errors.add(new FieldError("account_id", "invalid_type", "account_id must be a non-empty string"));
        } else {
            accountId = account.textValue();
        }
        JsonNode request = root.get("request");
        String givenReference = null;
        if (request == null || request.isNull()) {
            errors.add(new FieldError("request", "required", "request is required"));
        } else if (!request.isObject()) {
            errors.add(new FieldError("request", "not_an_object", "request must be a JSON object"));
        } else {
            JsonNode reference = request.get("reference_id");
            givenReference = reference != null && reference.isTextual() ? reference.textValue() : null;
        }
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are invalid";
            return new Malformed(detail, errors, accountId, givenReference);
        }
        ObjectNode sendRequest = (ObjectNode) request;
        JsonNode reference = sendRequest.get("reference_id");
        if ((reference == null || reference.isNull()) && messageId != null && !messageId.isBlank()
                && messageId.length() <= BatchSubmission.MAX_REFERENCE_LENGTH) {
            sendRequest.put("reference_id", messageId);
        }
        return new Readable(accountId, sendRequest, givenReference);
    }
}
