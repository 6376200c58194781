package com.ninebits.sms.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.testsupport.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault suite, acceptance: the DynamoDB server stopped while sends come in and started again a
 * moment later, on a stack of this test's own whose store keeps its data on disk; clients retry a
 * refused send with the same {@code reference_id}, as the 503 tells them to.
 *
 * <p>Invariant: a send the store's outage refused took no effect (503, nothing charged, no batch);
 * once every client's retry went through, every reference is accepted exactly once, balance =
 * initial − Σ cost of the accepted batches (each charged once, every undone attempt refunded once),
 * and each accepted batch has exactly one dispatch-queue message carrying its token (a message left
 * by an undone attempt carries a token no batch has, which the dispatcher discards).
 */
@QuarkusTest
@TestProfile(StoreOutageAcceptanceFaultTest.StoreOnDiskProfile.class)
class StoreOutageAcceptanceFaultTest {

    public static class StoreOnDiskProfile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StoreOnDisk.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A stack of its own, so that stopping its store disturbs no other test. */
    public static class StoreOnDisk implements QuarkusTestResourceLifecycleManager {

        static volatile LocalStack stack;

        @Override
        public Map<String, String> start() {
            stack = LocalStack.startOnDisk(Path.of("target", "dynalite-acceptance-outage-" + UUID.randomUUID()));
            return new LinkedHashMap<>(stack.configProperties("ApiFunction"));
        }

        @Override
        public void stop() {
            if (stack != null) {
                stack.close();
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // A client retrying a refused send gives up after this; past the claim lease (30 s), so that even
    // an acceptance the outage cut between claim and debit is undone and redone.
    private static final Duration RETRY_FOR = Duration.ofSeconds(45);

    @Inject
    BatchSubmission submission;

    @AfterEach
    void storeBackUp() {
        StoreOnDisk.stack.restartDynamo();
    }

    @Test
    void aSendWhileTheStoreIsDownIsRefusedWholeAndItsRetryIsChargedOnce() {
        LocalStack stack = StoreOnDisk.stack;
        var customer = ApiFixtures.newCustomerWithSender(10, "myCode");
        String reference = "outage-" + UUID.randomUUID();
        Map<String, Object> request = Map.of("from", "myCode", "to", List.of("2348020000001", "2348020000002"), "body", "Hi",
                "reference_id", reference);

        stack.stopDynamo();
        given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(request).post("/ng/v1/sendsms")
                .then().statusCode(503).contentType("application/problem+json");
        stack.restartDynamo();

        assertEquals(10, balance(customer), "nothing was charged");
        given().auth().oauth2(customer.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(404);
        assertEquals(List.of(), ApiQueue.takeAll(stack, customer.accountId()));

        given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(request).post("/ng/v1/sendsms")
                .then().statusCode(202);
        given().auth().oauth2(customer.token()).contentType(ContentType.JSON).body(request).post("/ng/v1/sendsms")
                .then().statusCode(200).header("Idempotent-Replayed", "true");

        assertEquals(8, balance(customer));
        assertEquals(1, ApiQueue.takeAll(stack, customer.accountId()).size());
    }

    @Test
    void theStoreStoppedInTheMiddleOfABurstOfSendsLosesAndDoublesNothing() throws Exception {
        LocalStack stack = StoreOnDisk.stack;
        long initial = 1_000;
        var customer = ApiFixtures.newCustomerWithSender(initial, "myCode");
        List<String> references = IntStream.range(0, 40).mapToObj(i -> "burst-" + i + "-" + UUID.randomUUID()).toList();
        Map<String, Batch> accepted = new ConcurrentHashMap<>();
        AtomicInteger refusedByTheOutage = new AtomicInteger();

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> sends = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int client = 0; client < 4; client++) {
            sends.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < references.size(); i = next.getAndIncrement()) {
                    try {
                        accepted.put(references.get(i), submit(customer.accountId(), references.get(i)).batch());
                    } catch (RuntimeException refused) {
                        refusedByTheOutage.incrementAndGet();
                    }
                }
            }));
        }
        // The store goes away once a few sends are through, while the others are under way.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (accepted.size() < 4 && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        stack.stopDynamo();
        // Down for as long as it takes the client's retries to give up on a call, and no longer.
        giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (refusedByTheOutage.get() == 0 && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        stack.restartDynamo();
        for (Future<?> send : sends) {
            send.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();
        assertTrue(refusedByTheOutage.get() > 0, "the outage refused some sends");

        // Every client retries its refused send with the same reference until it goes through.
        long retryUntil = System.nanoTime() + RETRY_FOR.toNanos();
        for (String reference : references) {
            while (!accepted.containsKey(reference)) {
                try {
                    accepted.put(reference, submit(customer.accountId(), reference).batch());
                } catch (DomainException.Conflict | DomainException.Unavailable stillSettling) {
                    assertTrue(System.nanoTime() < retryUntil, reference + " never went through: " + stillSettling.getMessage());
                    Thread.sleep(500);
                }
            }
        }

        assertEquals(references.size(), accepted.size());
        long cost = accepted.values().stream().mapToLong(Batch::cost).sum();
        assertEquals(references.size() * 2L, cost);
        assertEquals(initial - cost, balance(customer), "each accepted batch charged once, every undone attempt refunded");
        for (String reference : references) {
            given().auth().oauth2(customer.token()).get("/ng/v1/sendsms/status/" + reference)
                    .then().statusCode(200).body("status", equalTo("queued")).body("recipients_total", equalTo(2));
        }
        Map<String, Integer> queuedPerAcceptedToken = new HashMap<>();
        Map<String, String> acceptedTokens = new HashMap<>();
        accepted.forEach((reference, batch) -> acceptedTokens.put(batch.token(), reference));
        for (String body : ApiQueue.takeAll(stack, customer.accountId())) {
            String token = JSON.readTree(body).path("token").asText();
            if (acceptedTokens.containsKey(token)) {
                queuedPerAcceptedToken.merge(token, 1, Integer::sum);
            }
        }
        Map<String, Integer> once = new HashMap<>();
        acceptedTokens.keySet().forEach(token -> once.put(token, 1));
        assertEquals(once, queuedPerAcceptedToken, "one queue message per accepted batch, under its token");
    }

    private BatchSubmission.Accepted submit(String account, String reference) {
        return submission.submit(account, new SendRequest("myCode", List.of("2348020000001", "2348020000002"), "Hi", null, "none",
                null, null, reference, null, List.of()));
    }

    private static long balance(ApiFixtures.Customer customer) {
        return given().auth().oauth2(customer.token()).get("/ng/v1/account").then().statusCode(200)
                .extract().jsonPath().getLong("balance");
    }
}
