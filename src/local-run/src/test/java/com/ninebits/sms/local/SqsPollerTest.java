package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.ninebits.sms.testsupport.LocalStack;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The event source mapping against a real queue (ElasticMQ, with the template's queues). */
class SqsPollerTest {

    private static final String STANDARD = "SendRequestQueue";
    private static final String FIFO = "DispatchQueue";

    private final LocalStack stack = LocalStack.shared();
    private final List<JsonNode> events = new ArrayList<>();

    @BeforeEach
    void emptyQueues() {
        stack.purgeQueues();
    }

    private SqsPoller poller(String queue, boolean reportBatchItemFailures, Function<JsonNode, InvocationResult> function) {
        return new SqsPoller("Test." + queue, stack.sqs(),
                new SqsPoller.Source(stack.queueUrl(queue), stack.queueArn(queue), stack.region()),
                10, reportBatchItemFailures, event -> {
                    JsonNode parsed = Json.parseOrNull(event);
                    events.add(parsed);
                    return CompletableFuture.completedFuture(function.apply(parsed));
                });
    }

    private void send(String queue, String body) {
        stack.sqs().sendMessage(b -> b.queueUrl(stack.queueUrl(queue)).messageBody(body));
    }

    /** Polls until {@code count} messages went through the function (a receive may return fewer). */
    private static void pollUntil(SqsPoller poller, int count) {
        int seen = 0;
        for (int round = 0; round < 10 && seen < count; round++) {
            seen += poller.pollOnce();
        }
        assertEquals(count, seen);
    }

    private Map<String, Integer> counts(String queue) {
        Map<QueueAttributeName, String> attributes = stack.sqs().getQueueAttributes(b -> b.queueUrl(stack.queueUrl(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Map.of("visible", Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                "inFlight", Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
    }

    private static InvocationResult answer(String json) {
        return new InvocationResult.Answered(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void buildsTheSqsEventLambdaWouldSendFromARealMessage() throws Exception {
        String body = "{\"account_id\":\"acc_1\",\"request\":{\"from\":\"myCode\"}}";
        byte[] binary = {1, 2, 3, (byte) 0xff};
        stack.sqs().sendMessage(b -> b.queueUrl(stack.queueUrl(STANDARD)).messageBody(body).messageAttributes(Map.of(
                "problem_code", MessageAttributeValue.builder().dataType("String").stringValue("invalid_request").build(),
                "attempt", MessageAttributeValue.builder().dataType("Number").stringValue("3").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(binary)).build())));

        pollUntil(poller(STANDARD, true, event -> answer("{\"batchItemFailures\":[]}")), 1);

        JsonNode record = events.get(0).get("Records").get(0);
        assertFalse(record.get("messageId").asText().isEmpty());
        assertFalse(record.get("receiptHandle").asText().isEmpty());
        assertEquals(body, record.get("body").asText());
        assertEquals("1", record.at("/attributes/ApproximateReceiveCount").asText());
        assertTrue(record.at("/attributes/SentTimestamp").asLong() > 1_600_000_000_000L);
        assertTrue(record.at("/attributes/ApproximateFirstReceiveTimestamp").asLong() > 1_600_000_000_000L);
        assertFalse(record.at("/attributes/SenderId").asText().isEmpty());
        assertFalse(record.get("attributes").has("MessageGroupId"));

        JsonNode code = record.at("/messageAttributes/problem_code");
        assertEquals("invalid_request", code.get("stringValue").asText());
        assertEquals("String", code.get("dataType").asText());
        assertEquals(0, code.get("stringListValues").size());
        assertEquals(0, code.get("binaryListValues").size());
        assertEquals("3", record.at("/messageAttributes/attempt/stringValue").asText());
        assertEquals("Number", record.at("/messageAttributes/attempt/dataType").asText());
        assertEquals("AQID/w==", record.at("/messageAttributes/blob/binaryValue").asText());
        assertFalse(record.at("/messageAttributes/blob").has("stringValue"));

        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(md5, record.get("md5OfBody").asText());
        assertEquals("aws:sqs", record.get("eventSource").asText());
        assertEquals(stack.queueArn(STANDARD), record.get("eventSourceARN").asText());
        assertEquals(stack.region(), record.get("awsRegion").asText());
        assertEquals(Map.of("visible", 0, "inFlight", 0), counts(STANDARD));
    }

    @Test
    void fifoRecordsCarryGroupDeduplicationAndSequence() {
        stack.sqs().sendMessage(b -> b.queueUrl(stack.queueUrl(FIFO)).messageBody("{\"batch\":1}")
                .messageGroupId("acc_1").messageDeduplicationId("batch-1"));

        pollUntil(poller(FIFO, true, event -> answer("{}")), 1);

        JsonNode attributes = events.get(0).at("/Records/0/attributes");
        assertEquals("acc_1", attributes.get("MessageGroupId").asText());
        assertEquals("batch-1", attributes.get("MessageDeduplicationId").asText());
        assertFalse(attributes.get("SequenceNumber").asText().isEmpty());
    }

    @Test
    void deletesEverythingButTheReportedBatchItemFailures() {
        send(STANDARD, "ok-1");
        send(STANDARD, "fail-me");
        send(STANDARD, "ok-2");

        pollUntil(poller(STANDARD, true, event -> {
            List<String> failed = new ArrayList<>();
            event.get("Records").forEach(r -> {
                if (r.get("body").asText().equals("fail-me")) {
                    failed.add("{\"itemIdentifier\":\"" + r.get("messageId").asText() + "\"}");
                }
            });
            return answer("{\"batchItemFailures\":[" + String.join(",", failed) + "]}");
        }), 3);

        assertEquals(Map.of("visible", 0, "inFlight", 1), counts(STANDARD));
    }

    @Test
    void aFunctionErrorDeletesNothing() {
        send(STANDARD, "a");
        send(STANDARD, "b");

        pollUntil(poller(STANDARD, true, event -> new InvocationResult.Failed("java.lang.RuntimeException", "boom")), 2);

        assertEquals(Map.of("visible", 0, "inFlight", 2), counts(STANDARD));
    }

    @Test
    void withoutReportBatchItemFailuresASuccessDeletesTheWholeBatch() {
        send(STANDARD, "a");
        send(STANDARD, "b");

        pollUntil(poller(STANDARD, false, event -> answer(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + event.at("/Records/0/messageId").asText() + "\"}]}")), 2);

        assertEquals(Map.of("visible", 0, "inFlight", 0), counts(STANDARD));
    }

    @Test
    void anEmptyQueueInvokesNothing() {
        assertEquals(0, poller(STANDARD, true, event -> answer("{}")).pollOnce());
        assertTrue(events.isEmpty());
    }
}
