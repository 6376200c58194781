package com.ninebits.sms.events;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.dispatch.BatchCancellation;
import com.ninebits.sms.domain.dispatch.ScheduleRelease;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageState.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling a batch while the dispatcher function sends it to a slow SMSC (the {@code http}
 * connector against {@link ScriptedSmsc}), on the real local queue and stores: the cancel (the API's
 * use case, called as the API function calls it) runs beside the dispatcher's delivery of the chunk,
 * whose next claim then loses, and whose redelivery finds the batch cancelled. (The mock event server
 * runs one invocation at a time, so two dispatcher deliveries never overlap here; the part of a
 * cancellation handed to the dispatchers is covered by the domain's BatchCancellationTest.)
 *
 * <p>Invariant: every message ends either dispatched (the SMSC took it, once) or cancelled (the SMSC
 * never saw it), never both and never neither; exactly the cancelled ones are refunded, once.
 */
@QuarkusTest
@TestProfile(CancelWhileDispatchingTest.SlowSmscProfile.class)
class CancelWhileDispatchingTest {

    public static class SlowSmscProfile extends DispatcherProfile {
        public SlowSmscProfile() {
            super("http", ScriptedSmsc.Resource.class, Map.of());
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final int ENOUGH_DELIVERIES = 20;

    @Inject
    Customers customers;
    @Inject
    BatchCancellation cancellation;
    @Inject
    ScheduleRelease scheduleRelease;
    @Inject
    com.ninebits.sms.domain.batch.BatchStore batches;
    @Inject
    com.ninebits.sms.adapters.sqs.SqsDispatchQueue queueAdapter;

    private final DispatchQueueDriver queue = new DispatchQueueDriver();
    private ScriptedSmsc smsc;

    @BeforeEach
    void fixtures() {
        smsc = ScriptedSmsc.Resource.running;
        assertNotNull(smsc, "the SMSC starts with the application");
    }

    @Test
    void cancelRacingTheDispatcherLeavesEachMessageSubmittedOrCancelledAndRefundsOnlyTheCancelled() throws Exception {
        // One at a time, each answered late: the chunk takes seconds, so the cancel lands in the middle of it.
        String account = customers.open(100, 50, 1);
        List<String> numbers = IntStream.range(0, 12).mapToObj(i -> Customers.number()).toList();
        smsc.answerAfter(numbers, Duration.ofMillis(700));
        Batch batch = customers.send(account, numbers, "Hello");
        assertEquals(88, customers.balance(account));

        CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(() -> deliverUntilDone(account));
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (smsc.arrivals(numbers).size() < 2 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        BatchCancellation.Outcome outcome = cancellation.cancel(account, batch.referenceId());
        assertEquals("cancelled", outcome.view().status());
        sending.get();

        List<MessageState> messages = customers.messages(account, batch);
        Set<String> reachedSmsc = smsc.arrivals(numbers).stream().map(ScriptedSmsc.Arrival::to).collect(Collectors.toSet());
        long cancelled = 0;
        for (MessageState m : messages) {
            String sent = "+" + m.to();
            if (m.status() == Status.CANCELLED) {
                cancelled++;
                assertTrue(!reachedSmsc.contains(sent), "a cancelled message never reached the SMSC: " + m);
            } else {
                assertEquals(Status.DISPATCHED, m.status(), "either dispatched or cancelled: " + m);
                assertTrue(reachedSmsc.contains(sent), "a dispatched message reached the SMSC: " + m);
            }
        }
        assertEquals(smsc.arrivals(numbers).size(), messages.size() - cancelled, "each dispatched one reached the SMSC once");
        assertTrue(cancelled > 0 && cancelled < numbers.size(), "the cancel raced the dispatcher: cancelled " + cancelled);
        assertEquals(88 + cancelled, customers.balance(account), "exactly the cancelled messages are refunded, once");

        assertEquals("cancelled", cancellation.cancel(account, batch.referenceId()).view().status());
        assertEquals(88 + cancelled, customers.balance(account), "cancelling again refunds nothing more");
    }

    @Test
    void aScheduledBatchCancelledBeforeItsTimeNeverReachesTheSmsc() throws Exception {
        String account = customers.open(100, 50, 2);
        List<String> numbers = IntStream.range(0, 3).mapToObj(i -> Customers.number()).toList();
        Instant sendAt = Instant.now().plusSeconds(2);
        Batch batch = customers.send(account, numbers, "Later", sendAt, null);

        assertEquals("cancelled", cancellation.cancel(account, batch.referenceId()).view().status());
        assertEquals(100, customers.balance(account), "refunded at once, before its time");
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), sendAt.plusMillis(200)).toMillis()));
        assertTrue(scheduleRelease.releaseDue() >= 1, "the schedule still hands it to the queue: it finds it cancelled there");
        deliverUntilDone(account);

        assertEquals(List.of(), smsc.arrivals(numbers), "a cancelled scheduled batch never goes out");
        assertEquals(List.of(Status.CANCELLED, Status.CANCELLED, Status.CANCELLED), customers.statuses(account, batch));
        assertEquals(100, customers.balance(account));
    }

    // The part of a cancellation a request had no time for: on the real queue, in the batch's own
    // group, read and cancelled by the dispatcher function without a submission.
    @Test
    void aCancellationHandedToTheDispatchersIsFinishedFromTheBatchsOwnGroup() {
        String account = customers.open(100, 50, 2);
        List<String> numbers = IntStream.range(0, 3).mapToObj(i -> Customers.number()).toList();
        Batch batch = customers.send(account, numbers, "Hello");
        assertTrue(batches.markCancelled(batch.accepted(), Instant.now()));

        queueAdapter.enqueueCancellation(batch, 1);
        deliverUntilDone(account + "-" + batch.referenceId());
        assertEquals(List.of(Status.QUEUED, Status.CANCELLED, Status.CANCELLED), customers.statuses(account, batch));
        deliverUntilDone(account);

        assertEquals(List.of(), smsc.arrivals(numbers), "a chunk of a cancelled batch submits nothing");
        assertEquals(List.of(Status.CANCELLED, Status.CANCELLED, Status.CANCELLED), customers.statuses(account, batch));
        assertEquals(100, customers.balance(account));
    }

    /** Delivers the group's next message until the dispatcher no longer hands it back; how many deliveries it took. */
    private int deliverUntilDone(String group) {
        DispatchQueueDriver.Delivery delivery = queue.invoke(queue.receiveSome(group, PATIENCE));
        int deliveries = 1;
        while (!delivery.failed().isEmpty()) {
            assertTrue(deliveries < ENOUGH_DELIVERIES, "still handed back after " + deliveries + " deliveries");
            pause();
            delivery = queue.redeliver(delivery);
            deliveries++;
        }
        queue.settle(delivery);
        assertEquals(List.of(), queue.receive(group, Duration.ofMillis(500)), "nothing left on the queue");
        return deliveries;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
