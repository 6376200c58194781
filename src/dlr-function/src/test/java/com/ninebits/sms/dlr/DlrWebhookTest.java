package com.ninebits.sms.dlr;

import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.adapters.config.QueueConfig;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.adapters.dynamo.Keys;
import com.ninebits.sms.domain.batch.MessageStore;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.testsupport.QueueReader;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery reports through the DLR webhook, against the real local store. The invariant: a report
 * moves a message only forward (queued &lt; dispatched &lt; unknown &lt; final), never out of a final
 * status, and a repeated report changes nothing; every applied change is in the history with both
 * timestamps; nothing is applied without the connector's secret.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = {@ResourceArg(name = "function", value = "DlrFunction"),
        @ResourceArg(name = LocalStackResource.ALLOW_INSECURE_WEBHOOKS_ARG, value = "true")})
class DlrWebhookTest {

    private static final String KANNEL_SECRET = "test-kannel-secret";
    private static final String HTTP_SECRET = "test-http-secret";
    @Inject
    MessageLedger ledger;
    @Inject
    SentMessages sent;
    @Inject
    MessageStore messages;
    @Inject
    SqsClient sqs;
    @Inject
    QueueConfig queues;

    private MessageKey sentMessage(boolean answered) {
        return sent.one(answered, false);
    }

    private MessageKey sentMessage(boolean answered, boolean subscribed) {
        return sent.one(answered, subscribed);
    }

    private MessageState state(MessageKey key) {
        return messages.range(key.accountId(), key.referenceId(), 0, 1).get(0);
    }

    private static void kannel(MessageKey key, int type, long ts, int expectedStatus) {
        given().queryParam("secret", KANNEL_SECRET).queryParam("message_id", key.messageId())
                .queryParam("type", type).queryParam("ts", ts).queryParam("reply", type == 1 ? "" : "ACK/")
                .queryParam("smsc_id", "kannel-42")
                .get("/ng/v1/dlr/kannel").then().statusCode(expectedStatus);
    }

    private List<Map<String, AttributeValue>> history(MessageKey key) {
        LocalStack stack = LocalStack.shared();
        var item = stack.dynamo().getItem(b -> b.tableName(stack.tableName("MessagesTable")).consistentRead(true)
                .key(Keys.message(key.accountId(), key.referenceId(), key.index()).attributes())).item();
        return item.get("history").l().stream().map(AttributeValue::m).toList();
    }

    /** The status events queued for the customer about this message, in the order queued. */
    private List<StatusEvent> queuedEvents(MessageKey key) {
        return QueueReader.take(sqs, queues.callbacks().orElseThrow(),
                        body -> StatusEventJson.readTask(body).event().messageId().equals(key.messageId()))
                .stream().map(body -> StatusEventJson.readTask(body).event()).toList();
    }

    // Invariant: each applied move of a subscribed message queues one event carrying the SMSC's timestamp;
    // a repeat of the same report queues the same event (same id) again, never a different one; a report
    // that would move it backwards queues nothing.
    @Test
    void aSubscribedMessageQueuesOneEventPerStatusChangeAndRepeatsCarryTheSameId() {
        MessageKey key = sentMessage(true, true);
        long ts = 1_767_225_600L;

        kannel(key, 1, ts, 202);
        List<StatusEvent> first = queuedEvents(key);
        kannel(key, 1, ts, 202);
        kannel(key, 8, ts, 202);
        List<StatusEvent> again = queuedEvents(key);

        assertEquals(1, first.size());
        StatusEvent delivered = first.get(0);
        assertEquals(MessageState.Status.DELIVERED, delivered.status());
        assertEquals(Instant.ofEpochSecond(ts), delivered.smscTimestamp());
        assertEquals(key.messageId(), delivered.smscMessageId());
        assertEquals("2348021000000", delivered.to());
        assertEquals(1, again.size());
        assertEquals(delivered.eventId(), again.get(0).eventId());
    }

    @Test
    void aBatchThatAskedForNoReportsQueuesNoEventYetItsStatusShowsTheReport() {
        MessageKey key = sentMessage(true, false);

        kannel(key, 1, 1_767_225_600L, 202);

        assertEquals(MessageState.Status.DELIVERED, state(key).status());
        assertEquals(List.of(), queuedEvents(key));
    }

    @Test
    void kannelAcceptedThenDeliveredEndsDeliveredWithKannelsTimestamp() {
        MessageKey key = sentMessage(true);
        kannel(key, 8, 1_795_000_000L, 202);
        kannel(key, 1, 1_795_000_060L, 202);

        MessageState s = state(key);
        assertEquals(MessageState.Status.DELIVERED, s.status());
        assertEquals(Instant.ofEpochSecond(1_795_000_060L), s.smscTimestamp());
        List<Map<String, AttributeValue>> history = history(key);
        assertEquals("dispatched", history.get(0).get("status").s());
        assertEquals("delivered", history.get(history.size() - 1).get("status").s());
        assertEquals(Instant.ofEpochSecond(1_795_000_060L).toString(), history.get(history.size() - 1).get("smsc_timestamp").s());
        assertTrue(history.get(history.size() - 1).containsKey("at"), "our own timestamp is kept beside the SMSC's");
    }

    @Test
    void duplicateAndLateReportsNeverLeaveAFinalStatus() {
        MessageKey key = sentMessage(true);
        kannel(key, 1, 1_795_000_060L, 202);
        int historyLength = history(key).size();

        kannel(key, 1, 1_795_000_099L, 202);   // duplicate
        kannel(key, 8, 1_795_000_000L, 202);   // late "accepted", out of order
        kannel(key, 2, 1_795_000_100L, 202);   // a contradicting final report

        MessageState s = state(key);
        assertEquals(MessageState.Status.DELIVERED, s.status());
        assertEquals(Instant.ofEpochSecond(1_795_000_060L), s.smscTimestamp());
        assertEquals(historyLength, history(key).size(), "ignored reports leave no trace in the history");
    }

    @Test
    void aReportBeforeTheDispatcherRecordedTheSmscAnswerIsAppliedAndTheAnswerStillRecorded() {
        MessageKey key = sentMessage(false);
        kannel(key, 1, 1_795_000_060L, 202);
        assertEquals(MessageState.Status.DELIVERED, state(key).status());

        // The dispatcher's answer arrives afterwards: the attempt is closed, the status stays delivered,
        // and the answer says it moved nothing (so no "dispatched" callback follows "delivered").
        assertEquals(Optional.empty(), ledger.dispatched(key, 1, "late-answer-id", Instant.now()));
        MessageState s = state(key);
        assertEquals(MessageState.Status.DELIVERED, s.status());
        assertEquals("kannel-42", s.smscMessageId(), "the first SMSC id recorded is kept");
        assertFalse(ledger.records(key.accountId(), key.referenceId(), 0, 1).get(0).inFlight(), "the attempt is closed");
    }

    @Test
    void genericJsonReportsFailureWithItsErrorCode() {
        MessageKey key = sentMessage(true);
        given().header("X-DLR-Secret", HTTP_SECRET).contentType(ContentType.JSON)
                .body(Map.of("message_id", key.messageId(), "smsc_message_id", "gen-1", "status", "undelivered",
                        "timestamp", "2026-11-28T10:00:00Z", "error_code", "absent_subscriber"))
                .post("/ng/v1/dlr/http").then().statusCode(202).body("applied", equalTo("moved"));
        MessageState s = state(key);
        assertEquals(MessageState.Status.FAILED, s.status());
        assertEquals("absent_subscriber", s.errorCode());
        assertEquals(Instant.parse("2026-11-28T10:00:00Z"), s.smscTimestamp());
    }

    @Test
    void aWrongSecretIsRefusedAndChangesNothing() {
        MessageKey key = sentMessage(true);
        given().queryParam("secret", "wrong").queryParam("message_id", key.messageId()).queryParam("type", 1)
                .get("/ng/v1/dlr/kannel").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
        given().queryParam("message_id", key.messageId()).queryParam("type", 1)
                .get("/ng/v1/dlr/kannel").then().statusCode(401);
        given().header("X-DLR-Secret", KANNEL_SECRET).contentType(ContentType.JSON)
                .body(Map.of("message_id", key.messageId(), "status", "delivered"))
                .post("/ng/v1/dlr/http").then().statusCode(401);
        assertEquals(MessageState.Status.DISPATCHED, state(key).status());
    }

    @Test
    void aReportForAnUnknownMessageIsKeptNotDropped() {
        String unknown = "acc_nobody~ref-" + UUID.randomUUID() + "~0";
        given().queryParam("secret", KANNEL_SECRET).queryParam("message_id", unknown).queryParam("type", 1)
                .get("/ng/v1/dlr/kannel").then().statusCode(202).body("applied", equalTo("unknown_message"));
        LocalStack stack = LocalStack.shared();
        var kept = stack.dynamo().query(b -> b.tableName(stack.tableName("MessagesTable"))
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.unmatched(Instant.now())))))
                .items();
        assertTrue(kept.stream().anyMatch(i -> unknown.equals(i.get("message_id").s())), "the unmatched report was stored");
    }

    @Test
    void refusesUnknownConnectorsAndIncompleteReports() {
        given().get("/ng/v1/dlr/smpp").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
        given().get("/no/such/route").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not_found"));
        given().queryParam("secret", KANNEL_SECRET).queryParam("type", 1).get("/ng/v1/dlr/kannel").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("invalid_request"));
        given().queryParam("secret", KANNEL_SECRET).queryParam("message_id", "a~b~0").queryParam("type", 3)
                .get("/ng/v1/dlr/kannel").then().statusCode(400);
        given().header("X-DLR-Secret", HTTP_SECRET).contentType(ContentType.JSON).body("{nope")
                .post("/ng/v1/dlr/http").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed_json"));
    }

    /** An SMSC told 5xx sends the report again forever; an impossible timestamp is a malformed report. */
    @ParameterizedTest
    @ValueSource(strings = {"31556889864403200", "9223372036854775808", "-9223372036854775808", "-1",
            "+1000000000-01-01T00:00:00Z"})
    void outOfRangeDlrTimestampsAreRefusedOnBothConnectors(String ts) {
        MessageKey key = sentMessage(true);
        given().queryParam("secret", KANNEL_SECRET).queryParam("message_id", key.messageId()).queryParam("type", 1)
                .queryParam("ts", ts).get("/ng/v1/dlr/kannel").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].code", equalTo("out_of_range"));
        given().header("X-DLR-Secret", HTTP_SECRET).contentType(ContentType.JSON)
                .body(Map.of("message_id", key.messageId(), "status", "delivered", "timestamp", ts))
                .post("/ng/v1/dlr/http").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].code", equalTo("out_of_range"));
        assertEquals(MessageState.Status.DISPATCHED, state(key).status());
    }

    @Test
    void aGenericReportWithTrailingTokensIsMalformed() {
        MessageKey key = sentMessage(true);
        String one = "{\"message_id\":\"" + key.messageId() + "\",\"status\":\"delivered\"}";
        for (String body : List.of(one + one, one + "garbage")) {
            given().header("X-DLR-Secret", HTTP_SECRET).contentType(ContentType.JSON).body(body)
                    .post("/ng/v1/dlr/http").then().statusCode(400)
                    .contentType("application/problem+json").body("code", equalTo("malformed_json"));
        }
        assertEquals(MessageState.Status.DISPATCHED, state(key).status());
    }
}
