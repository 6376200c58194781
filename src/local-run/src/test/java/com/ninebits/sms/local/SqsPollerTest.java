package com.ninebits.sms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());

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

    private SqsPoller concurrentPoller(String queue, int concurrency, Function<JsonNode, InvocationResult> function) {
        return new SqsPoller("Test." + queue, stack.sqs(),
                new SqsPoller.Source(stack.queueUrl(queue), stack.queueArn(queue), stack.region()),
                10, true, event -> {
                    JsonNode parsed = Json.parseOrNull(event);
                    events.add(parsed);
                    return CompletableFuture.supplyAsync(() -> function.apply(parsed));
                }, concurrency);
    }

    private void sendToGroup(String group, String body) {
        stack.sqs().sendMessage(b -> b.queueUrl(stack.queueUrl(FIFO)).messageBody(body).messageGroupId(group)
                .messageDeduplicationId(group + "-" + body));
    }

    private static List<String> groupsOf(JsonNode event) {
        List<String> groups = new ArrayList<>();
        event.get("Records").forEach(r -> groups.add(r.at("/attributes/MessageGroupId").asText()));
        return groups;
    }

    private static List<String> bodiesOf(JsonNode event) {
        List<String> bodies = new ArrayList<>();
        event.get("Records").forEach(r -> bodies.add(r.get("body").asText()));
        return bodies;
    }

    private void awaitEmpty(String queue) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!counts(queue).equals(Map.of("visible", 0, "inFlight", 0)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(Map.of("visible", 0, "inFlight", 0), counts(queue));
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

    // Invariant: accounts with backlogs are dispatched side by side, as Lambda scales a FIFO
    // mapping with its active message groups: a group's invocation does not wait for another's.
    @Test
    void invokesTwoMessageGroupsAtOnceEachInAnInvocationOfItsOwn() throws Exception {
        for (int i = 0; i < 3; i++) {
            sendToGroup("acc_a", "a-" + i);
        }
        sendToGroup("acc_b", "b-0");
        Set<String> started = ConcurrentHashMap.newKeySet();
        CountDownLatch bothStarted = new CountDownLatch(2);
        AtomicBoolean waitedInVain = new AtomicBoolean();

        try (SqsPoller poller = concurrentPoller(FIFO, 2, event -> {
            if (started.add(groupsOf(event).get(0))) {
                bothStarted.countDown();
            }
            // Each group's invocation is held until the other group's has started: one at a time, that never happens.
            try {
                if (!bothStarted.await(10, TimeUnit.SECONDS)) {
                    waitedInVain.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer("{}");
        })) {
            poller.start();
            awaitEmpty(FIFO);
        }

        assertFalse(waitedInVain.get(), "one group's invocation waited for the other's to end");
        List<JsonNode> seen = List.copyOf(events);
        for (JsonNode event : seen) {
            assertEquals(1, Set.copyOf(groupsOf(event)).size(), "one message group per invocation: " + groupsOf(event));
        }
        List<String> aBodies = seen.stream().filter(e -> groupsOf(e).contains("acc_a")).flatMap(e -> bodiesOf(e).stream()).toList();
        assertEquals(List.of("a-0", "a-1", "a-2"), aBodies);
    }

    // Invariant: however many invocations the mapping runs at once, one message group is never in
    // two of them, and its messages reach the function in the order they were sent.
    @Test
    void neverInvokesOneMessageGroupTwiceAtOnceAndKeepsItsOrder() throws Exception {
        for (int i = 0; i < 25; i++) {
            sendToGroup("acc_a", String.format("a-%02d", i));
        }
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger most = new AtomicInteger();

        try (SqsPoller poller = concurrentPoller(FIFO, 3, event -> {
            AtomicInteger n = inFlight.computeIfAbsent(groupsOf(event).get(0), g -> new AtomicInteger());
            most.accumulateAndGet(n.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            n.decrementAndGet();
            return answer("{}");
        })) {
            poller.start();
            awaitEmpty(FIFO);
        }

        assertEquals(1, most.get(), "one group was in two invocations at once");
        List<String> bodies = List.copyOf(events).stream().flatMap(e -> bodiesOf(e).stream()).toList();
        assertEquals(25, bodies.size());
        assertEquals(bodies.stream().sorted().toList(), bodies, "in the order sent");
    }

    @Test
    void aFifoMappingRunsTheConfiguredNumberOfInvocationsAndAStandardOneOne() {
        String before = System.getProperty(EventSourceScaling.CAP_PROPERTY);
        try {
            System.setProperty(EventSourceScaling.CAP_PROPERTY, "3");
            assertEquals(3, EventSourceScaling.concurrency(stack.queueUrl(FIFO)));
            assertEquals(1, EventSourceScaling.concurrency(stack.queueUrl(STANDARD)));
            assertEquals(3, poller(FIFO, true, event -> answer("{}")).concurrency());
            assertEquals(1, poller(STANDARD, true, event -> answer("{}")).concurrency());

            FunctionSpec both = FunctionSpec.of(Path.of("."), "F", "f.zip", List.of(
                    new FunctionSpec.Event("A", "SQS", Map.of("Queue", STANDARD)),
                    new FunctionSpec.Event("B", "SQS", Map.of("Queue", FIFO))), Map.of(), q -> (String) q);
            assertEquals(3, EventSourceScaling.instances(both, stack::queueUrl), "as many instances as its busiest mapping");

            System.setProperty(EventSourceScaling.CAP_PROPERTY, "0");
            assertThrows(IllegalArgumentException.class, EventSourceScaling::fifoConcurrency);
        } finally {
            if (before == null) {
                System.clearProperty(EventSourceScaling.CAP_PROPERTY);
            } else {
                System.setProperty(EventSourceScaling.CAP_PROPERTY, before);
            }
        }
    }
}
