package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.CreditReservations;
import com.ninebits.sms.domain.dispatch.ReleaseSchedule;
import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule function as Lambda runs it on its EventBridge rule, handing due batches to the real local dispatch queue. */
@QuarkusTest
@TestProfile(ScheduleReleaseHandlerTest.ScheduleProfile.class)
class ScheduleReleaseHandlerTest {

    public static class ScheduleProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // application.properties names the send-request handler for the test profile; both forms are overridden.
            return Map.of("quarkus.lambda.handler", "schedule-release", "%test.quarkus.lambda.handler", "schedule-release");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalStackResource.class, Map.of(LocalStackResource.FUNCTION_ARG, "ScheduleFunction")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    AccountAdministration administration;
    @Inject
    AccountStore accounts;
    @Inject
    BatchReport report;
    @Inject
    ReleaseSchedule schedule;
    @Inject
    BatchStore batches;
    @Inject
    CreditReservations credit;

    private final ObjectMapper json = new ObjectMapper();
    private final DispatchQueueDriver queue = new DispatchQueueDriver();
    @Inject
    Customers customers;

    // Invariant: a scheduled batch joins its account's dispatch queue only once its send_at has
    // come, and exactly once however often the schedule runs.
    @Test
    void aScheduledBatchJoinsTheQueueOnceItsSendAtHasComeAndOnlyOnce() throws Exception {
        // A first run looks back a day, minute by minute, which can outlast a send_at 2 s ahead; done first, later runs are quick.
        invokeOnSchedule();
        String account = customers.open(100, null);
        Instant sendAt = Instant.now().plusSeconds(2);
        Batch batch = customers.send(account, List.of(Customers.number(), Customers.number()), "Later", sendAt, null);
        assertEquals("scheduled", customers.report(account, batch).status());

        invokeOnSchedule();
        assertEquals(List.of(), queue.receive(account, Duration.ofSeconds(1)), "not due yet: nothing on the queue");

        sleepUntil(sendAt.plusMillis(200));
        assertTrue(invokeOnSchedule() >= 1, "the function reports what it released");
        List<Message> released = queue.receiveSome(account, Duration.ofSeconds(10));
        assertEquals(1, released.size());
        JsonNode chunk = json.readTree(released.get(0).body());
        assertEquals(batch.referenceId(), chunk.get("reference_id").asText());
        assertEquals(batch.token(), chunk.get("token").asText());
        assertEquals(batch.recipients().size(), chunk.get("recipients").size());
        assertTrue(schedule.filedUnder(sendAt.truncatedTo(ChronoUnit.MINUTES)).stream()
                .noneMatch(e -> e.referenceId().equals(batch.referenceId())), "the entry leaves the schedule once released");

        invokeOnSchedule();
        // Nobody dispatches here: the released chunk is taken off so that only a second copy could be found.
        queue.delete(released.get(0));

        assertEquals(List.of(), queue.receive(account, Duration.ofSeconds(2)), "a second run releases nothing again");
        assertEquals(98, customers.balance(account), "release charges nothing: acceptance did");
    }

    /** What EventBridge sends on a rate(1 minute) rule, through the Lambda mock event server; returns the function's answer. */
    // Invariant: an acceptance abandoned half-way (claimed PENDING and charged, then the function
    // died and the client never retried) is undone by the scheduled run once its lease has passed:
    // balance back to what it was, reference free again; a young claim is left alone.
    @Test
    void undoesAnAcceptanceAbandonedPastItsLease() {
        var opened = administration.open(new AccountAdministration.NewAccount("sweep", "NG", 10, null, 10, 50L));
        String account = opened.account().id();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        Batch abandoned = new Batch(account, "abandoned-" + UUID.randomUUID(), "tok" + UUID.randomUUID().toString().substring(0, 8),
                "fp", Batch.State.PENDING, "myCode", "Hi", com.ninebits.sms.domain.text.Encoding.GSM7, 1, false, longAgo, null,
                longAgo.plus(Duration.ofHours(72)), null, List.of("2348020000001", "2348020000002"), List.of(), 2);
        Batch young = new Batch(account, "young-" + UUID.randomUUID(), "tok" + UUID.randomUUID().toString().substring(0, 8),
                "fp", Batch.State.PENDING, "myCode", "Hi", com.ninebits.sms.domain.text.Encoding.GSM7, 1, false, Instant.now(),
                null, Instant.now().plus(Duration.ofHours(72)), null, List.of("2348020000003"), List.of(), 1);
        for (Batch b : List.of(abandoned, young)) {
            assertTrue(batches.claim(b).isEmpty());
            assertTrue(credit.reserve(account, b.token(), b.cost()));
        }
        assertEquals(47, accounts.find(account).orElseThrow().balance());

        invokeOnSchedule();

        assertEquals(49, accounts.find(account).orElseThrow().balance(), "the abandoned acceptance's 2 credits came back");
        assertTrue(batches.find(account, abandoned.referenceId()).isEmpty(), "its reference is free again");
        assertEquals(Batch.State.PENDING, batches.find(account, young.referenceId()).orElseThrow().state(),
                "a claim within its lease is left to its acceptance");
        invokeOnSchedule();
        assertEquals(49, accounts.find(account).orElseThrow().balance(), "refunded once, however often the sweep runs");
    }

    private static int invokeOnSchedule() {
        String event = """
                {
                  "version": "0",
                  "id": "%s",
                  "detail-type": "Scheduled Event",
                  "source": "aws.events",
                  "account": "000000000000",
                  "time": "%s",
                  "region": "us-east-1",
                  "resources": ["arn:aws:events:us-east-1:000000000000:rule/sms-gateway-ScheduleFunctionEveryMinute"],
                  "detail": {}
                }
                """.formatted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return Integer.parseInt(given().contentType(ContentType.JSON).body(event)
                .post("/")
                .then().statusCode(200)
                .extract().asString().trim());
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
