package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** SQS events as Lambda hands them to a function, and what the function answers. */
final class SqsEvents {

    static final String SEND_REQUEST_QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:SendRequestQueue";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEvents() {
    }

    static ObjectNode record(String body) {
        return record(UUID.randomUUID().toString(), body);
    }

    /** The record shape of AWS's sample SQS event. */
    static ObjectNode record(String messageId, String body) {
        long now = System.currentTimeMillis();
        ObjectNode record = JSON.createObjectNode()
                .put("messageId", messageId)
                .put("receiptHandle", "AQEB" + messageId)
                .put("body", body);
        record.putObject("attributes")
                .put("ApproximateReceiveCount", "1")
                .put("SentTimestamp", Long.toString(now))
                .put("SenderId", "AIDAIENQZJOLO23YVJ4VO")
                .put("ApproximateFirstReceiveTimestamp", Long.toString(now));
        record.putObject("messageAttributes");
        return record.put("md5OfBody", md5(body))
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", SEND_REQUEST_QUEUE_ARN)
                .put("awsRegion", "us-east-1");
    }

    /** A message received from a real queue, turned into the record Lambda's SQS poller would make of it. */
    static ObjectNode record(Message message, String queueArn) {
        ObjectNode record = JSON.createObjectNode()
                .put("messageId", message.messageId())
                .put("receiptHandle", message.receiptHandle())
                .put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        message.attributesAsStrings().forEach(attributes::put);
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> {
            ObjectNode attribute = messageAttributes.putObject(name);
            if (value.stringValue() != null) {
                attribute.put("stringValue", value.stringValue());
            }
            attribute.putArray("stringListValues");
            attribute.putArray("binaryListValues");
            attribute.put("dataType", value.dataType());
        });
        if (message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        return record.put("md5OfBody", message.md5OfBody())
                .put("eventSource", "aws:sqs")
                .put("eventSourceARN", queueArn)
                .put("awsRegion", "us-east-1");
    }

    static String event(ObjectNode... records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode list = event.putArray("Records");
        for (ObjectNode record : records) {
            list.add(record);
        }
        return event.toString();
    }

    /** Invokes the function through the Lambda mock event server; returns the ids it reported as failed. */
    static List<String> invoke(String event) {
        return given().contentType(ContentType.JSON).body(event)
                .post("/")
                .then().statusCode(200)
                .extract().jsonPath().getList("batchItemFailures.itemIdentifier", String.class);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
