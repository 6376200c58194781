package com.ninebits.sms.events;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import com.ninebits.sms.testsupport.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault suite, SMSC side: the SMSC answering 5xx, 429, refusing for good, timing out, or dropping the
 * connection, through the {@code http} connector and the dispatcher function fed from the real queue.
 *
 * <p>Invariant ({@link FaultInvariant}): every accepted message ends in exactly one final status once
 * the SMSC's reports are in, and was taken by the SMSC at most once (exactly once if dispatched or
 * delivered); balance = initial − charged + refunded, each refund once. Retried messages also keep
 * their place: no later message reaches the SMSC before them.
 */
@QuarkusTest
@TestProfile(SmscFaultTest.FaultySmscProfile.class)
class SmscFaultTest {

    public static class FaultySmscProfile extends DispatcherProfile {
        public FaultySmscProfile() {
            // A short read timeout, so that an SMSC answering late is a timeout within seconds; not so short that
            // a busy machine makes an ordinary answer (the first one of a fresh client above all) late.
            super("http", FaultySmsc.Resource.class, Map.of("sms.smsc.readtimeoutms", "3000"));
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration TOO_LATE = Duration.ofSeconds(6);
    private static final int ENOUGH_DELIVERIES = 10;
    @Inject
    BatchSubmission submission;
    @Inject
    MessageLedger ledger;
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
    void serverErrorsThrottlingAndRefusalsEndEachMessageOnceWithExactCredit() {
        // One at a time, so that the arrival order below is exact (with a window: DispatchOrderAndRateTest).
        String account = customers.open(100, null, 1);
        String failing = Customers.number();
        String throttled = Customers.number();
        String refused = Customers.number();
        String fine = Customers.number();
        smsc.script(failing, new FaultySmsc.Answer(500, null), new FaultySmsc.Answer(503, null));
        smsc.script(throttled, new FaultySmsc.Answer(429, "1"));
        smsc.script(refused, new FaultySmsc.Answer(400, null));
        Batch batch = customers.send(account, List.of(failing, throttled, refused, fine), "x".repeat(161));
        assertEquals(2, batch.parts());

        int deliveries = deliverUntilDone(account);

        assertEquals(4, deliveries, "two 5xx and one 429 hand the chunk back three times");
        List<String> ids = FaultInvariant.messageIds(batch);
        List<FaultySmsc.Arrival> arrivals = smsc.arrivals(ids);
        assertEquals(List.of(ids.get(0), ids.get(0), ids.get(0), ids.get(1), ids.get(1), ids.get(2), ids.get(3)),
                arrivals.stream().map(FaultySmsc.Arrival::messageId).toList(), "in order, each retried in its place: " + arrivals);
        assertEquals(List.of(MessageState.Status.DISPATCHED, MessageState.Status.DISPATCHED, MessageState.Status.REJECTED,
                MessageState.Status.DISPATCHED), customers.statuses(account, batch));
        assertEquals("400", customers.messages(account, batch).get(2).errorCode());
        assertEquals(3, ledger.records(account, batch.referenceId(), 0, 1).get(0).attempts(), "one claim per submission");
        FaultInvariant.check(customers, smsc, account, 100, false, batch);

        FaultInvariant.reportDelivered(receipts, smsc, batch);

        assertEquals(List.of(MessageState.Status.DELIVERED, MessageState.Status.DELIVERED, MessageState.Status.REJECTED,
                MessageState.Status.DELIVERED), customers.statuses(account, batch));
        FaultInvariant.check(customers, smsc, account, 100, true, batch);
        assertEquals(100 - 3 * 2, customers.balance(account));
    }

    @Test
    void aSubmissionAnsweredTooLateIsNeverSentAgain() {
        assertTakenOnceDespite(new FaultySmsc.AnswerLate(TOO_LATE));
    }

    @Test
    void aSubmissionWhoseConnectionDroppedIsNeverSentAgain() {
        assertTakenOnceDespite(new FaultySmsc.Drop());
    }

    @Test
    void aChunkThatNeedsMoreDeliveriesThanTheQueuesReceiveLimitIsStillSentWhole() {
        String account = customers.open(100, null, 1);
        List<String> to = List.of(Customers.number(), Customers.number(), Customers.number());
        // Four 503s each, then taken: 3 × 4 + 1 = 13 deliveries of one chunk (ten used to send it to the dead-letter queue).
        to.forEach(number -> smsc.script(number, new FaultySmsc.Answer(503, null), new FaultySmsc.Answer(503, null),
                new FaultySmsc.Answer(503, null), new FaultySmsc.Answer(503, null)));
        Batch batch = customers.send(account, to, "Persistent");
        List<String> ids = FaultInvariant.messageIds(batch);

        int deliveries = 0;
        boolean done = false;
        while (!done) {
            List<Message> received = queue.receive(account, Duration.ofSeconds(2));
            if (received.isEmpty()) {
                break;
            }
            deliveries++;
            DispatchQueueDriver.Delivery delivery = queue.invoke(received);
            queue.settle(delivery);
            done = delivery.failed().isEmpty();
            // The back-off is over at once: SQS would offer it again after its wait.
            received.stream().filter(delivery::failed).forEach(this::visibleNow);
        }

        assertEquals(13, deliveries, "the chunk came back from the queue after every temporary failure: "
                + customers.messages(account, batch));
        assertEquals(List.of(MessageState.Status.DISPATCHED, MessageState.Status.DISPATCHED, MessageState.Status.DISPATCHED),
                customers.statuses(account, batch));
        assertEquals(15, smsc.arrivals(ids).size());
        FaultInvariant.check(customers, smsc, account, 100, false, batch);
    }

    private void visibleNow(Message message) {
        LocalStack stack = LocalStack.shared();
        stack.sqs().changeMessageVisibility(b -> b.queueUrl(stack.queueUrl(DispatchQueueDriver.QUEUE))
                .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    }

    /** The SMSC took the message but the dispatcher never heard so: sending it again would send it twice. */
    private void assertTakenOnceDespite(FaultySmsc.Step fault) {
        String account = customers.open(100, null);
        String unlucky = Customers.number();
        String after = Customers.number();
        smsc.script(unlucky, fault);
        Batch batch = customers.send(account, List.of(unlucky, after), "Your code is 9876");

        deliverUntilDone(account);

        List<String> ids = FaultInvariant.messageIds(batch);
        assertEquals(Map.of(ids.get(0), 1L, ids.get(1), 1L), smsc.submissions(ids), "each message reached the SMSC once");
        FaultInvariant.check(customers, smsc, account, 100, false, batch);
        MessageState first = customers.messages(account, batch).get(0);
        assertEquals(MessageState.Status.UNKNOWN, first.status(), "the gateway cannot know whether it went: " + first);
        assertEquals(MessageState.Status.DISPATCHED, customers.messages(account, batch).get(1).status());

        FaultInvariant.reportDelivered(receipts, smsc, batch);

        assertEquals(List.of(MessageState.Status.DELIVERED, MessageState.Status.DELIVERED), customers.statuses(account, batch));
        FaultInvariant.check(customers, smsc, account, 100, true, batch);
        assertEquals(98, customers.balance(account), "a message the SMSC took is charged");
    }

    /**
     * Delivers the account's chunk, and again at once each time it is handed back (not waiting
     * for its back-off, which only SQS would honour), until it is done; returns how many deliveries it took.
     */
    private int deliverUntilDone(String account) {
        DispatchQueueDriver.Delivery delivery = queue.invoke(queue.receiveSome(account, PATIENCE));
        int deliveries = 1;
        while (!delivery.failed().isEmpty()) {
            assertTrue(deliveries < ENOUGH_DELIVERIES, "still handed back after " + deliveries + " deliveries");
            delivery = queue.redeliver(delivery);
            deliveries++;
        }
        queue.settle(delivery);
        assertEquals(List.of(), queue.receive(account, Duration.ofMillis(500)), "nothing left on the queue");
        return deliveries;
    }
}
