package com.ninebits.sms.events;

import com.ninebits.sms.adapters.sqs.SqsDispatchQueue;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.dispatch.MessageDispatch;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault suite: the same SQS message delivered twice at the same time — once to the dispatcher
 * function through Lambda's path, once to a second dispatcher instance — as SQS does when a
 * visibility timeout runs out under a slow invocation. The first is held at the SMSC on a message
 * while the second runs through the whole chunk. (The same message delivered twice one after
 * the other: {@link DispatchSimulatorTest#aChunkDeliveredTwiceIsSubmittedOnce}.)
 *
 * <p>Invariant ({@link FaultInvariant}): every message was taken by the SMSC at most once, and
 * exactly once in the end; each ends in exactly one final status once the SMSC's reports are in;
 * balance = initial − charged, nothing refunded and nothing charged twice.
 */
@QuarkusTest
@TestProfile(ConcurrentDeliveryFaultTest.PatientSmscProfile.class)
class ConcurrentDeliveryFaultTest {

    /** The default read timeout (10 s): the held delivery must outwait the other one, not time out first. */
    public static class PatientSmscProfile extends DispatcherProfile {
        public PatientSmscProfile() {
            super("http", FaultySmsc.Resource.class, Map.of());
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    @Inject
    MessageDispatch dispatch;
    @Inject
    SqsDispatchQueue dispatchQueue;
    @Inject
    ReceiptApplication receipts;

    private final DispatchQueueDriver queue = new DispatchQueueDriver();
    @Inject
    Customers customers;
    private FaultySmsc smsc;

    @BeforeEach
    void fixtures() {
        smsc = FaultySmsc.Resource.running;
        assertNotNull(smsc, "the SMSC starts with the application");
    }

    @Test
    void theSameChunkDeliveredTwiceAtOnceIsTakenOncePerMessage() throws Exception {
        // One at a time: the first delivery, held at the third message, sends nothing after it meanwhile.
        String account = customers.open(100, null, 1);
        List<String> to = IntStream.range(0, 6).mapToObj(i -> Customers.number()).toList();
        // The first delivery is held at the SMSC on the third message, until the second delivery is through.
        CountDownLatch secondDone = new CountDownLatch(1);
        smsc.script(to.get(2), new FaultySmsc.TakeThen(() -> await(secondDone)));
        Batch batch = customers.send(account, to, "Twice at once");
        List<String> ids = FaultInvariant.messageIds(batch);
        List<Message> received = queue.receiveSome(account, PATIENCE);
        assertEquals(1, received.size());
        DispatchChunk chunk = dispatchQueue.read(received.get(0).body());

        CompletableFuture<MessageDispatch.Outcome> first =
                CompletableFuture.supplyAsync(() -> dispatch.dispatch(chunk, Instant.now().plusSeconds(25)));
        awaitArrival(ids.get(2));
        DispatchQueueDriver.Delivery second;
        try {
            second = queue.invoke(received);
        } finally {
            secondDone.countDown();
        }
        MessageDispatch.Outcome firstOutcome = first.get(30, TimeUnit.SECONDS);

        assertEquals(List.of(), second.failed(), "the second delivery finished the chunk");
        queue.settle(second);
        assertTrue(firstOutcome instanceof MessageDispatch.RetryAfter, "the first stops at a message the second took: " + firstOutcome);
        assertEquals(ids.stream().collect(Collectors.toMap(id -> id, id -> 1L)), smsc.submissions(ids),
                "every message taken exactly once: " + smsc.arrivals(ids));
        assertTrue(customers.statuses(account, batch).stream()
                        .allMatch(s -> s == MessageState.Status.DISPATCHED || s == MessageState.Status.UNKNOWN),
                customers.messages(account, batch).toString());
        FaultInvariant.check(customers, smsc, account, 100, false, batch);
        // The first delivery's record comes back once more, as SQS would hand back a RetryAfter: nothing left to send.
        assertEquals(List.of(), queue.redeliver(second).failed());
        assertEquals(6, smsc.arrivals(ids).size());

        FaultInvariant.reportDelivered(receipts, smsc, batch);

        assertEquals(to.stream().map(n -> MessageState.Status.DELIVERED).toList(), customers.statuses(account, batch));
        FaultInvariant.check(customers, smsc, account, 100, true, batch);
        assertEquals(94, customers.balance(account));
    }

    private void awaitArrival(String messageId) throws InterruptedException {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (smsc.arrivals(List.of(messageId)).isEmpty()) {
            assertTrue(System.nanoTime() < giveUp, "the first delivery never reached " + messageId);
            Thread.sleep(20);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
