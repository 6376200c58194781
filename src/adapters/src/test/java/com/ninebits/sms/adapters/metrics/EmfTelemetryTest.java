package com.ninebits.sms.adapters.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.testsupport.StdoutCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every port method's event reaches stdout as EMF that CloudWatch can read, with only bounded dimensions, once flushed. */
class EmfTelemetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EmfTelemetry telemetry = new EmfTelemetry(new StdoutEnvironment("test-function"));

    @Test
    void everyMetricIsEmittedAsEmbeddedMetricFormatOnStdout() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (StdoutCapture out = StdoutCapture.start()) {
            telemetry.batchAccepted("acc_1", "api", 3, 6);
            telemetry.dispatched("acc_1", 3, Duration.ofMillis(1500));
            telemetry.smscAnswered("kannel", "accepted", Duration.ofMillis(12));
            for (MessageState.Status status : List.of(MessageState.Status.DELIVERED, MessageState.Status.FAILED,
                    MessageState.Status.REJECTED, MessageState.Status.EXPIRED, MessageState.Status.UNKNOWN)) {
                telemetry.messageEnded("acc_1", status, "smsc_no_answer");
            }
            telemetry.receiptApplied("kannel", MessageState.Status.DELIVERED, "moved", Duration.ofSeconds(2));
            telemetry.receiptRefused("kannel", 503);
            for (String outcome : List.of("delivered", "retried", "deferred", "given_up")) {
                telemetry.callback("acc_1", outcome);
            }
            telemetry.flush();
            for (String line : out.emfLines()) {
                lines.add(JSON.readTree(line));
            }
        }
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode line : lines) {
            JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
            assertEquals(EmfTelemetry.NAMESPACE, directive.get("Namespace").asText());
            assertTrue(line.get("_aws").get("Timestamp").asLong() > 0);
            directive.get("Metrics").forEach(m -> names.add(m.get("Name").asText()));
            for (JsonNode set : directive.get("Dimensions")) {
                set.forEach(d -> assertFalse(d.asText().equals("account_id"), "no account dimension: " + line));
            }
        }
        assertEquals(new TreeSet<>(Metric.names()), names, "every metric is emitted by some port method");
        JsonNode accepted = lines.get(0);
        assertEquals(3, accepted.get("MessagesAccepted").asInt());
        assertEquals(6, accepted.get("PartsCharged").asInt());
        assertEquals("acc_1", accepted.get("account_id").asText());
        assertEquals("api", accepted.get("Channel").asText());
        assertEquals(1500, lines.get(1).get("AcceptToSubmitTime").asInt());
    }

    /** One invocation's events of one kind are one line with a value each; nothing is written before the flush. */
    @Test
    void anInvocationsEventsOfOneKindAreOneLineWrittenAtTheFlush() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (StdoutCapture out = StdoutCapture.start()) {
            for (int i = 1; i <= 5; i++) {
                telemetry.smscAnswered("kannel", "accepted", Duration.ofMillis(i));
            }
            telemetry.smscAnswered("kannel", "retry", Duration.ofMillis(40));
            telemetry.messageEnded("acc_1", MessageState.Status.DELIVERED, null);
            telemetry.messageEnded("acc_1", MessageState.Status.DELIVERED, null);
            telemetry.messageEnded("acc_2", MessageState.Status.DELIVERED, null);
            assertEquals(List.of(), out.emfLines(), "written before the invocation ended");

            telemetry.flush();
            for (String line : out.emfLines()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertEquals(4, lines.size(), "one line per answer, and per account: " + lines);
        JsonNode accepted = lines.get(0);
        assertEquals("accepted", accepted.get("Answer").asText());
        assertEquals("kannel", accepted.get("connector").asText());
        assertEquals("[1.0,2.0,3.0,4.0,5.0]", accepted.get("SmscAnswerTime").toString());
        assertEquals("retry", lines.get(1).get("Answer").asText());
        assertEquals("acc_1", lines.get(2).get("account_id").asText());
        assertEquals("[1.0,1.0]", lines.get(2).get("MessagesDelivered").toString());
        assertEquals("acc_2", lines.get(3).get("account_id").asText());
    }

    /** A long invocation keeps no more than a bounded number of values before writing them. */
    @Test
    void manyEventsAreWrittenBeforeTheFlushOnceTheBufferIsFull() {
        try (StdoutCapture out = StdoutCapture.start()) {
            for (int i = 0; i < EmfTelemetry.MAX_BUFFERED; i++) {
                telemetry.smscAnswered("kannel", "accepted", Duration.ofMillis(1));
            }

            assertFalse(out.emfLines().isEmpty());
        }
    }

    @Test
    void errorCodesAreABoundedDimension() {
        assertEquals("smsc_unavailable", EmfTelemetry.code("SMSC_UNAVAILABLE"));
        assertEquals("none", EmfTelemetry.code(null));
        assertEquals("other", EmfTelemetry.code("an SMSC's free text with spaces"));
        assertEquals("other", EmfTelemetry.code("x".repeat(41)));
    }
}
