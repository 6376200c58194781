package com.ninebits.sms.api;

import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault suite: 50 sends of one account racing for a balance that covers only some of them. The
 * sends run truly at once, from 50 threads released together, through the use case the send
 * endpoint calls (the Lambda mock event server hands HTTP requests to the function one at a time,
 * which would not race); the outcome is then read back over HTTP and from the queue.
 *
 * <p>Invariant: exactly ⌊balance / cost⌋ sends are accepted and every other one refused for want of
 * credit; balance = initial − Σ cost of the accepted, never below zero; each accepted batch is
 * readable with all its messages queued and is on the dispatch queue exactly once; a refused send
 * leaves no batch and nothing on the queue. Copies of one request sent at once are accepted and
 * charged once.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class CreditRaceFaultTest {

    private static final int SENDS = 50;
    // 161 GSM characters: two parts, so each send costs 2 and an odd balance leaves a remainder.
    private static final String TWO_PARTS = "y".repeat(161);

    @Inject
    BatchSubmission submission;

    @Test
    void fiftyConcurrentSendsNeverSpendMoreThanTheBalanceAndEachIsWholeOrAbsent() throws Exception {
        long initial = 37;
        var customer = ApiFixtures.newCustomerWithSender(initial, "myCode");
        List<String> references = IntStream.range(0, SENDS).mapToObj(i -> "race-" + i + "-" + UUID.randomUUID()).toList();

        List<Object> outcomes = race(references.stream().<Callable<Object>>map(reference -> () -> {
            try {
                return submission.submit(customer.accountId(), new SendRequest("myCode", List.of("+2348020000123"), TWO_PARTS, null,
                        "none", null, null, reference, null, List.of()));
            } catch (DomainException e) {
                return e;
            }
        }).toList());

        Set<String> accepted = new java.util.HashSet<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < SENDS; i++) {
            Object outcome = outcomes.get(i);
            if (outcome instanceof BatchSubmission.Accepted a) {
                assertEquals(references.get(i), a.batch().referenceId());
                assertEquals(2, a.batch().parts());
                accepted.add(references.get(i));
            } else {
                assertTrue(outcome instanceof DomainException.InsufficientCredit, "refused only for want of credit: " + outcome);
                refused.add(references.get(i));
            }
        }
        assertEquals(initial / 2, accepted.size(), "as many as the balance covers");
        assertEquals(SENDS - initial / 2, refused.size());
        given().auth().oauth2(customer.token()).get("/ng/v1/account")
                .then().statusCode(200).body("balance", equalTo((int) (initial - 2 * accepted.size())));
        for (String reference : accepted) {
            given().auth().oauth2(customer.token()).get("/ng/v1/sendsms/status/" + reference)
                    .then().statusCode(200).body("recipients_total", equalTo(1)).body("counts.queued", equalTo(1));
        }
        for (String reference : refused) {
            given().auth().oauth2(customer.token()).get("/ng/v1/sendsms/status/" + reference).then().statusCode(404);
        }
        List<String> queued = ApiQueue.takeAll(customer.accountId());
        Set<String> queuedReferences = queued.stream()
                .map(body -> references.stream().filter(r -> body.contains("\"" + r + "\"")).findFirst().orElse("?"))
                .collect(Collectors.toSet());
        assertEquals(accepted.size(), queued.size(), "one queue message per accepted batch");
        assertEquals(accepted, queuedReferences);
    }

    @Test
    void concurrentCopiesOfOneRequestAreAcceptedAndChargedOnce() throws Exception {
        var customer = ApiFixtures.newCustomerWithSender(10, "myCode");
        String reference = "twins-" + UUID.randomUUID();

        List<Object> outcomes = race(IntStream.range(0, 20).<Callable<Object>>mapToObj(i -> () -> {
            try {
                return submission.submit(customer.accountId(), new SendRequest("myCode", List.of("+2348020000123", "+2348020000124"),
                        TWO_PARTS, null, "none", null, null, reference, null, List.of()));
            } catch (DomainException e) {
                return e;
            }
        }).toList());

        long firsts = outcomes.stream().filter(o -> o instanceof BatchSubmission.Accepted a && !a.replayed()).count();
        assertEquals(1, firsts, "exactly one acceptance: " + outcomes);
        for (Object outcome : outcomes) {
            assertTrue(outcome instanceof BatchSubmission.Accepted
                            || (outcome instanceof DomainException.Conflict c && "request_in_progress".equals(c.code())),
                    "a copy is the first acceptance replayed, or told to retry: " + outcome);
        }
        given().auth().oauth2(customer.token()).get("/ng/v1/account").then().statusCode(200).body("balance", equalTo(10 - 4));
        assertEquals(1, ApiQueue.takeAll(customer.accountId()).size());
    }

    private static List<Object> race(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> future : futures) {
                out.add(future.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
