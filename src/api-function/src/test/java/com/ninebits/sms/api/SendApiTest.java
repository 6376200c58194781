package com.ninebits.sms.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.batch.Timestamps;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.ninebits.sms.testsupport.QueueReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class SendApiTest {

    private static final String MILLISECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @Inject
    MessageLedger ledger;

    private static Response send(ApiFixtures.Customer c, Map<String, Object> body) {
        return given().auth().oauth2(c.token()).contentType(ContentType.JSON).body(body).post("/ng/v1/sendsms");
    }

    private static long balance(ApiFixtures.Customer c) {
        return given().auth().oauth2(c.token()).get("/ng/v1/account").then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String ref() {
        return "t-" + UUID.randomUUID();
    }

    /**
     * Takes the dispatch-queue messages of one batch off the queue. The queue is FIFO per account
     * and every test has its own account, so a test's messages are its own to consume.
     */
    private static List<String> queuedBodiesOf(String referenceId) {
        LocalStack stack = LocalStack.shared();
        return QueueReader.take(stack.sqs(), stack.queueUrl("DispatchQueue"), body -> body.contains("\"" + referenceId + "\""));
    }

    @Test
    void acceptsABatchAndAnswersAsTheContractSays() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        ApiFixtures.withWebhook(c);
        String ref = ref();
        send(c, Map.of("from", "myCode", "to", List.of("+2348020000000", "08020000001", "12"), "body", "Hello",
                "reference_id", ref, "delivery_report", "yes"))
                .then().statusCode(202)
                .header("Location", "/ng/v1/sendsms/status/" + ref)
                .body("reference_id", equalTo(ref))
                .body("status", equalTo("accepted"))
                .body("recipients_accepted", equalTo(2))
                .body("recipients_rejected", hasSize(1))
                .body("recipients_rejected[0].to", equalTo("12"))
                .body("recipients_rejected[0].reason", equalTo("invalid_number"))
                .body("status_url", equalTo("/ng/v1/sendsms/status/" + ref))
                .body("encoding", equalTo("GSM7"))
                .body("parts", equalTo(1))
                .body("send_at", nullValue())
                .body("accepted_at", notNullValue())
                .body("expire_at", notNullValue());
        assertEquals(98, balance(c));
        List<String> queued = queuedBodiesOf(ref);
        assertEquals(1, queued.size());
        assertTrue(queued.get(0).contains("2348020000000") && queued.get(0).contains("2348020000001"));
        assertTrue(json(queued.get(0)).get("whole_batch_queued").asBoolean(), "one queue call holds the whole batch");
    }

    @Test
    void refusesDeliveryReportsWithoutAWebhookNamingTheFieldAndChargingNothing() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");

        send(c, Map.of("from", "myCode", "to", "2348020000000", "body", "Hi", "delivery_report", "yes"))
                .then().statusCode(400)
                .body("errors.field", contains("delivery_report"))
                .body("errors.code", contains("no_webhook"));
        assertEquals(10, balance(c));
    }

    /** The metrics of a request are written once its response is made, one EMF line for the acceptance. */
    @Test
    void anAcceptedSendShowsAsOneMetricsLineWhenItsResponseIsOut() throws Exception {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        List<String> ours;
        try (com.ninebits.sms.testsupport.StdoutCapture out = com.ninebits.sms.testsupport.StdoutCapture.start()) {
            send(c, Map.of("from", "myCode", "to", List.of("2348020000000", "2348020000001"), "body", "Hi"))
                    .then().statusCode(202);
            ours = out.emfLines().stream().filter(l -> l.contains(c.accountId())).toList();
        }
        assertEquals(1, ours.size(), "EMF lines of the send: " + ours);
        assertEquals(2, json(ours.get(0)).get("MessagesAccepted").asInt());
    }

    // The function keeps the sending account for a few seconds (sms.cache.ttlms); a change through it is seen at once.
    @Test
    void acceptsDeliveryReportsAtOnceAfterTheWebhookIsSet() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        send(c, Map.of("from", "myCode", "to", "2348020000000", "body", "Hi", "reference_id", ref()))
                .then().statusCode(202);

        ApiFixtures.withWebhook(c);

        send(c, Map.of("from", "myCode", "to", "2348020000000", "body", "Hi", "delivery_report", "yes"))
                .then().statusCode(202);
    }

    @Test
    void refusesDeliveryReportsAtOnceAfterTheWebhookIsRemoved() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        ApiFixtures.withWebhook(c);
        send(c, Map.of("from", "myCode", "to", "2348020000000", "body", "Hi", "delivery_report", "yes"))
                .then().statusCode(202);

        given().auth().oauth2(c.token()).delete("/ng/v1/settings/webhook").then().statusCode(204);

        send(c, Map.of("from", "myCode", "to", "2348020000000", "body", "Hi", "delivery_report", "yes"))
                .then().statusCode(400)
                .body("errors.code", contains("no_webhook"));
    }

    @Test
    void appliesALowerMaxPartsAtOnceAfterTheLimitsChange() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String twoParts = "x".repeat(200);
        send(c, Map.of("from", "myCode", "to", "2348020000000", "body", twoParts)).then().statusCode(202);

        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON)
                .body(Map.of("max_parts", 1)).patch("/ng/v1/admin/accounts/" + c.accountId())
                .then().statusCode(200);

        send(c, Map.of("from", "myCode", "to", "2348020000000", "body", twoParts)).then().statusCode(400);
    }

    @Test
    void acceptsContentAliasAndASingleStringRecipient() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        ApiFixtures.withWebhook(c);
        send(c, Map.of("from", "myCode", "to", "2348020000000", "content", "Hi", "delivery_report", true))
                .then().statusCode(202).body("recipients_accepted", equalTo(1));
    }

    @Test
    void refusesBodyAndContentThatDiffer() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        send(c, Map.of("from", "myCode", "to", "2348020000000", "body", "a", "content", "b"))
                .then().statusCode(400).body("errors.field", hasItem("content"));
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        Map<String, Object> body = new HashMap<>();
        body.put("from", "this-is-not-a-sender");
        body.put("to", List.of());
        body.put("delivery_report", "maybe");
        body.put("send_at", "tomorrow");
        body.put("reference_id", "spaces are not allowed");
        body.put("callback_url", "http://10.0.0.1/hook");
        send(c, body).then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_request"))
                .body("errors.field", containsInAnyOrder("from", "to", "body", "delivery_report", "send_at",
                        "reference_id", "callback_url"));
        assertEquals(10, balance(c));
    }

    @Test
    void refusesAnUnregisteredSender() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        send(c, Map.of("from", "Other", "to", "2348020000000", "body", "Hi"))
                .then().statusCode(403).body("code", equalTo("sender_not_registered"));
    }

    @Test
    void refusesABatchWithNoValidRecipient() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        send(c, Map.of("from", "myCode", "to", List.of("12", "grp_unknown"), "body", "Hi"))
                .then().statusCode(400).body("errors.code", containsInAnyOrder("invalid_number", "unknown_group"));
    }

    @Test
    void expandsGroupsAndRemovesDuplicatesInToOrder() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String group = given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body(Map.of("name", "vip", "members", List.of("2348020000002", "2348020000001")))
                .post("/ng/v1/groups").then().statusCode(201).extract().path("group_id");
        String ref = ref();
        send(c, Map.of("from", "myCode", "to", List.of("2348020000001", group, "+2348020000001"), "body", "Hi",
                "reference_id", ref)).then().statusCode(202).body("recipients_accepted", equalTo(2));
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref)
                .then().statusCode(200)
                .body("recipients.to", org.hamcrest.Matchers.contains("2348020000001", "2348020000002"));
    }

    @Test
    void refusesABatchThatTheBalanceDoesNotCoverAndStoresNothing() {
        var c = ApiFixtures.newCustomerWithSender(3, "myCode");
        String ref = ref();
        String body = "x".repeat(161); // two parts
        send(c, Map.of("from", "myCode", "to", List.of("2348020000001", "2348020000002"), "body", body, "reference_id", ref))
                .then().statusCode(402).body("code", equalTo("insufficient_credit"));
        assertEquals(3, balance(c));
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref).then().statusCode(404);
        assertTrue(queuedBodiesOf(ref).isEmpty());
        // The reference is free again once the balance covers it.
        given().header("X-Admin-Key", ApiFixtures.ADMIN_KEY).contentType(ContentType.JSON).body(Map.of("amount", 1))
                .post("/ng/v1/admin/accounts/" + c.accountId() + "/credit").then().statusCode(200);
        send(c, Map.of("from", "myCode", "to", List.of("2348020000001", "2348020000002"), "body", body, "reference_id", ref))
                .then().statusCode(202);
        assertEquals(0, balance(c));
    }

    @Test
    void chargesEveryPartOfEveryRecipient() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        send(c, Map.of("from", "myCode", "to", List.of("2348020000001", "2348020000002", "2348020000003"),
                "body", "€".repeat(81))) // 162 septets: two parts
                .then().statusCode(202).body("parts", equalTo(2)).body("encoding", equalTo("GSM7"));
        assertEquals(94, balance(c));
        send(c, Map.of("from", "myCode", "to", "2348020000001", "body", "Привет"))
                .then().statusCode(202).body("encoding", equalTo("UCS2")).body("parts", equalTo(1));
        assertEquals(93, balance(c));
    }

    @Test
    void refusesABodyOverTheAccountsMaxParts() {
        var c = ApiFixtures.newCustomerWithSender(1000, "myCode");
        send(c, Map.of("from", "myCode", "to", "2348020000001", "body", "x".repeat(153 * 10 + 1)))
                .then().statusCode(400).body("errors[0].field", equalTo("body")).body("errors[0].code", equalTo("too_many_parts"));
        assertEquals(1000, balance(c));
    }

    @Test
    void replaysTheFirstAnswerForTheSameRequest() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = ref();
        Map<String, Object> request = Map.of("from", "myCode", "to", List.of("2348020000001"), "body", "Hi", "reference_id", ref);
        String first = send(c, request).then().statusCode(202).extract().asString();
        send(c, request).then().statusCode(200).header("Idempotent-Replayed", "true").body(equalTo(first));
        assertEquals(99, balance(c));
        assertEquals(1, queuedBodiesOf(ref).size());
    }

    @Test
    void refusesADifferentRequestWithAUsedReference() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = ref();
        send(c, Map.of("from", "myCode", "to", "2348020000001", "body", "Hi", "reference_id", ref)).then().statusCode(202);
        send(c, Map.of("from", "myCode", "to", "2348020000001", "body", "Hello", "reference_id", ref))
                .then().statusCode(409).body("code", equalTo("reference_conflict"));
        assertEquals(99, balance(c));
    }

    @Test
    void concurrentDuplicatesMakeOneBatchChargedOnce() throws Exception {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = ref();
        Map<String, Object> request = Map.of("from", "myCode", "to", List.of("2348020000001", "2348020000002"), "body", "Hi",
                "reference_id", ref);
        List<Integer> statuses = parallel(8, () -> send(c, request).statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 202).count(), "exactly one acceptance: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 202 || s == 200), statuses.toString());
        assertEquals(98, balance(c));
        assertEquals(1, queuedBodiesOf(ref).size());
    }

    @Test
    void concurrentSendsNeverOverspendTheBalance() throws Exception {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        List<Integer> statuses = parallel(16, () -> send(c, Map.of("from", "myCode",
                "to", List.of("2348020000001", "2348020000002", "2348020000003"), "body", "Hi")).statusCode());
        long accepted = statuses.stream().filter(s -> s == 202).count();
        assertEquals(3, accepted, statuses.toString());
        assertEquals(16 - 3, statuses.stream().filter(s -> s == 402).count(), statuses.toString());
        assertEquals(1, balance(c));
    }

    @Test
    void schedulesAFutureBatchAndShowsItScheduled() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String ref = ref();
        String sendAt = Timestamps.out(Instant.now().plus(2, ChronoUnit.DAYS));
        send(c, Map.of("from", "myCode", "to", "2348020000001", "body", "Later", "reference_id", ref, "send_at", sendAt))
                .then().statusCode(202).body("send_at", equalTo(sendAt));
        assertTrue(queuedBodiesOf(ref).isEmpty(), "a scheduled batch waits for its time");
        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref)
                .then().statusCode(200).body("status", equalTo("scheduled")).body("send_at", equalTo(sendAt));
    }

    // Contract, Conventions: timestamps out are ISO-8601 UTC with milliseconds, in the answer and on the status page.
    @Test
    void theAnswerAndTheStatusPageCarryMilliseconds() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        String ref = ref();
        // Within the 90 days an expiry may lie ahead, at half a second past a whole one.
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).plusMillis(500);
        String expiryOut = expiry.toString();
        String acceptedAt = send(c, Map.of("from", "myCode", "to", List.of("2348020000001", "2348020000002"), "body", "Hi",
                        "reference_id", ref, "expire_at", expiryOut.replace(".500Z", ".5Z")))
                .then().statusCode(202)
                .body("accepted_at", matchesPattern(MILLISECONDS))
                .body("expire_at", equalTo(expiryOut))
                .extract().path("accepted_at");
        MessageKey second = new MessageKey(c.accountId(), ref, 1);
        assertTrue(ledger.claim(second, "2348020000002", 1, 1, Instant.parse("2026-11-28T13:40:02.120Z")));
        assertTrue(ledger.dispatched(second, 1, "smsc-1", Instant.parse("2026-11-28T13:40:02.123456Z")).isPresent());

        given().auth().oauth2(c.token()).get("/ng/v1/sendsms/status/" + ref)
                .then().statusCode(200)
                .body("created_at", equalTo(acceptedAt))
                .body("expire_at", equalTo(expiryOut))
                .body("recipients[1].status", equalTo("dispatched"))
                .body("recipients[1].updated_at", equalTo("2026-11-28T13:40:02.123Z"));
    }

    @Test
    void readsThePlainUtcTimestampForm() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        Instant future = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String plain = future.toString().replace("T", " ").replace("Z", "");
        send(c, Map.of("from", "myCode", "to", "2348020000001", "body", "Later", "send_at", plain))
                .then().statusCode(202).body("send_at", equalTo(Timestamps.out(future)));
    }

    @Test
    void treatsAPastSendAtAsNowAndRefusesOneTooFarAhead() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        send(c, Map.of("from", "myCode", "to", "2348020000001", "body", "Now", "send_at", "2020-01-01T00:00:00Z"))
                .then().statusCode(202).body("send_at", nullValue());
        send(c, Map.of("from", "myCode", "to", "2348020000001", "body", "Later",
                "send_at", Instant.now().plus(91, ChronoUnit.DAYS).toString()))
                .then().statusCode(400).body("errors[0].field", equalTo("send_at"));
    }

    @Test
    void refusesMalformedJsonAndOversizedBodies() {
        var c = ApiFixtures.newCustomerWithSender(10, "myCode");
        given().auth().oauth2(c.token()).contentType(ContentType.JSON).body("{\"from\": ").post("/ng/v1/sendsms")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].code", equalTo("malformed_json"));
        given().auth().oauth2(c.token()).contentType(ContentType.JSON)
                .body("{\"from\":\"myCode\",\"to\":\"2348020000001\",\"body\":\"" + "x".repeat(SendResource.MAX_BODY) + "\"}")
                .post("/ng/v1/sendsms").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void acceptsTenThousandRecipientsInOneBatchInChunks() {
        var c = ApiFixtures.newCustomerWithSender(20_000, "myCode");
        String ref = ref();
        List<String> to = IntStream.range(0, 10_000).mapToObj(i -> String.format("23480%08d", i)).toList();
        send(c, Map.of("from", "myCode", "to", to, "body", "Hi", "reference_id", ref))
                .then().statusCode(202).body("recipients_accepted", equalTo(10_000));
        assertEquals(10_000, balance(c));
        List<String> chunks = queuedBodiesOf(ref);
        assertEquals(40, chunks.size(), "10,000 recipients in chunks of 250");
        // Four queue calls of ten: only a chunk of the last shows a dispatcher that the whole batch is queued.
        List<Integer> completing = chunks.stream().map(SendApiTest::json)
                .filter(chunk -> chunk.path("whole_batch_queued").asBoolean())
                .map(chunk -> chunk.get("first_index").asInt()).sorted().toList();
        assertEquals(IntStream.range(30, 40).mapToObj(i -> i * 250).toList(), completing);
        send(c, Map.of("from", "myCode", "to", IntStream.range(0, 10_001).mapToObj(i -> "2348020000001").toList(), "body", "Hi"))
                .then().statusCode(400).body("errors[0].code", equalTo("too_many_recipients"));
    }

    @Test
    void statusPagesAndFiltersRecipientsAndHidesOtherAccountsBatches() {
        var c = ApiFixtures.newCustomerWithSender(100, "myCode");
        String ref = ref();
        List<String> to = IntStream.range(0, 25).mapToObj(i -> String.format("23480200000%02d", i)).toList();
        send(c, Map.of("from", "myCode", "to", to, "body", "Hi", "reference_id", ref)).then().statusCode(202);
        var first = given().auth().oauth2(c.token()).queryParam("page_size", 10).get("/ng/v1/sendsms/status/" + ref)
                .then().statusCode(200)
                .body("status", equalTo("queued"))
                .body("recipients_total", equalTo(25))
                .body("counts.queued", equalTo(25))
                .body("counts.delivered", equalTo(0))
                .body("recipients", hasSize(10))
                .body("recipients[0].status", equalTo("queued"))
                .body("delivery_report", equalTo("none"))
                .extract().jsonPath();
        List<String> seen = new ArrayList<>(first.getList("recipients.to"));
        String token = first.getString("next_page_token");
        while (token != null) {
            var page = given().auth().oauth2(c.token()).queryParam("page_size", 10).queryParam("page_token", token)
                    .get("/ng/v1/sendsms/status/" + ref).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("recipients.to"));
            token = page.getString("next_page_token");
        }
        assertEquals(to, seen);
        given().auth().oauth2(c.token()).queryParam("status", "delivered").get("/ng/v1/sendsms/status/" + ref)
                .then().statusCode(200).body("recipients", hasSize(0));
        given().auth().oauth2(c.token()).queryParam("status", "nonsense").get("/ng/v1/sendsms/status/" + ref)
                .then().statusCode(400);
        var other = ApiFixtures.newCustomer(0);
        given().auth().oauth2(other.token()).get("/ng/v1/sendsms/status/" + ref).then().statusCode(404);
    }

    private static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
