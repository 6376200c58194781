package com.ninebits.sms.local;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The SQS event source mapping's side of an invocation: the {@code SQSEvent} a batch becomes,
 * and which messages the mapping deletes once the function has answered.
 */
final class SqsEvents {

    /** The system attributes Lambda copies into a record, when the queue returned them. */
    private static final List<String> RECORD_ATTRIBUTES = List.of(
            "ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp",
            "SequenceNumber", "MessageGroupId", "MessageDeduplicationId", "AWSTraceHeader");

    private SqsEvents() {
    }

    static ObjectNode event(List<Message> messages, String queueArn, String region) {
        ObjectNode event = Json.object();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            records.add(record(message, queueArn, region));
        }
        return event;
    }

    static ObjectNode record(Message message, String queueArn, String region) {
        ObjectNode record = Json.object();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        Map<String, String> system = message.attributesAsStrings();
        for (String name : RECORD_ATTRIBUTES) {
            if (system.containsKey(name)) {
                attributes.put(name, system.get(name));
            }
        }
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, attribute(value)));
        record.put("md5OfBody", message.md5OfBody());
        if (message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", region);
        return record;
    }

    private static ObjectNode attribute(MessageAttributeValue value) {
        ObjectNode node = Json.object();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put("binaryValue", value.binaryValue().asByteArray());
        }
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        value.binaryListValues().stream().map(SdkBytes::asByteArray).forEach(binaries::add);
        node.put("dataType", value.dataType());
        return node;
    }

    /**
     * The messages to delete after an invocation. A failed or timed-out invocation deletes none, so
     * that the visibility timeout brings them back. With {@code ReportBatchItemFailures}, an answer
     * that names messages keeps exactly those; an answer Lambda cannot read (not JSON, or an
     * identifier that is empty or not in the batch) fails the whole batch, as Lambda does.
     */
    static List<Message> toDelete(List<Message> batch, InvocationResult result, boolean reportBatchItemFailures) {
        if (!(result instanceof InvocationResult.Answered answered)) {
            return List.of();
        }
        if (!reportBatchItemFailures || answered.payload().length == 0) {
            return batch;
        }
        JsonNode answer = Json.parseOrNull(answered.payload());
        if (answer == null) {
            return List.of();
        }
        if (answer.isNull() || !answer.isObject()) {
            return answer.isNull() ? batch : List.of();
        }
        JsonNode failures = answer.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return batch;
        }
        if (!failures.isArray()) {
            return List.of();
        }
        Set<String> inBatch = new HashSet<>();
        batch.forEach(message -> inBatch.add(message.messageId()));
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty() || !inBatch.contains(id.asText())) {
                return List.of();
            }
            failed.add(id.asText());
        }
        List<Message> delete = new ArrayList<>();
        for (Message message : batch) {
            if (!failed.contains(message.messageId())) {
                delete.add(message);
            }
        }
        return delete;
    }
}
