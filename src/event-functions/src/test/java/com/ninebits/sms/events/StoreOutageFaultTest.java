package com.ninebits.sms.events;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import com.ninebits.sms.testsupport.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault suite, store side: the DynamoDB server stopped mid-batch (right after the SMSC took a
 * message, so the dispatcher fails before it can record the answer) and started again later, on a
 * stack of this test's own whose store keeps its data on disk.
 *
 * <p>Invariant ({@link FaultInvariant}): every accepted message ends in exactly one final status once
 * the SMSC's reports are in, and was taken by the SMSC at most once (exactly once if delivered);
 * balance = initial − charged + refunded. While the store is down nothing reaches the SMSC, and a
 * delivery report that arrives while the dispatcher's answer is lost is never undone.
 */
@QuarkusTest
@TestProfile(StoreOutageFaultTest.StoreOnDiskProfile.class)
class StoreOutageFaultTest {

    public static class StoreOnDiskProfile extends DispatcherProfile {
        public StoreOnDiskProfile() {
            super("http", StoreOnDisk.class, Map.of());
        }
    }

    /** A stack of its own, so that stopping its store disturbs no other test, with the faulty SMSC. */
    public static class StoreOnDisk implements QuarkusTestResourceLifecycleManager {

        static volatile LocalStack stack;
        static volatile FaultySmsc smsc;

        @Override
        public Map<String, String> start() {
            stack = LocalStack.startOnDisk(Path.of("target", "dynalite-store-outage-" + UUID.randomUUID()));
            smsc = FaultySmsc.start();
            Map<String, String> properties = new LinkedHashMap<>(stack.configProperties("DispatcherFunction"));
            properties.keySet().removeIf(name -> name.startsWith("sms.smsc."));
            properties.put("sms.smsc.url", smsc.url());
            return properties;
        }

        @Override
        public void stop() {
            if (smsc != null) {
                smsc.close();
            }
            if (stack != null) {
                stack.close();
            }
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    @Inject
    BatchReport report;
    @Inject
    MessageLedger ledger;
    @Inject
    ReceiptApplication receipts;

    private LocalStack stack;
    private FaultySmsc smsc;
    private DispatchQueueDriver queue;
    @Inject
    Customers customers;

    @BeforeEach
    void fixtures() {
        stack = StoreOnDisk.stack;
        smsc = StoreOnDisk.smsc;
        queue = new DispatchQueueDriver(stack);
    }

    @AfterEach
    void storeBackUp() {
        stack.restartDynamo();
    }

    @Test
    void theStoreDownForAWhileMidBatchLosesNothingAndSendsNothingTwice() {
        // One at a time, so that exactly the first two reach the SMSC before the store goes.
        String account = customers.open(100, null, 1);
        List<String> to = List.of(Customers.number(), Customers.number(), Customers.number(), Customers.number());
        // The SMSC takes the second message, and the store goes away before the dispatcher hears so.
        smsc.script(to.get(1), new FaultySmsc.TakeThen(stack::stopDynamo));
        Batch batch = customers.send(account, to, "Your code is 4321");
        List<String> ids = FaultInvariant.messageIds(batch);

        DispatchQueueDriver.Delivery first = queue.invoke(queue.receiveSome(account, PATIENCE));

        assertFalse(stack.dynamoRunning());
        assertEquals(1, first.failed().size(), "the chunk goes back to the queue, not lost");
        assertEquals(Map.of(ids.get(0), 1L, ids.get(1), 1L, ids.get(2), 0L, ids.get(3), 0L), smsc.submissions(ids));
        // Still down: every delivery goes back again, and nothing reaches the SMSC meanwhile.
        DispatchQueueDriver.Delivery whileDown = queue.redeliver(queue.redeliver(first));
        assertEquals(1, whileDown.failed().size());
        assertEquals(2, smsc.arrivals(ids).size(), "nothing was submitted while the store was down");

        stack.restartDynamo();
        DispatchQueueDriver.Delivery afterwards = queue.redeliver(whileDown);

        assertEquals(List.of(), afterwards.failed());
        queue.settle(afterwards);
        List<MessageState> messages = customers.messages(account, batch);
        assertEquals(List.of(MessageState.Status.DISPATCHED, MessageState.Status.UNKNOWN, MessageState.Status.DISPATCHED,
                MessageState.Status.DISPATCHED), messages.stream().map(MessageState::status).toList());
        assertEquals("dispatcher_interrupted", messages.get(1).errorCode(), "its answer was lost with the store: " + messages.get(1));
        assertEquals(Map.of(ids.get(0), 1L, ids.get(1), 1L, ids.get(2), 1L, ids.get(3), 1L), smsc.submissions(ids));
        FaultInvariant.check(customers, smsc, account, 100, false, batch);

        FaultInvariant.reportDelivered(receipts, smsc, batch);

        assertTrue(customers.statuses(account, batch).stream().allMatch(s -> s == MessageState.Status.DELIVERED),
                customers.statuses(account, batch).toString());
        FaultInvariant.check(customers, smsc, account, 100, true, batch);
        assertEquals(96, customers.balance(account));
    }

    @Test
    void aReportThatArrivesWhileTheDispatchersAnswerIsLostIsNeverUndone() {
        String account = customers.open(100, null);
        List<String> to = List.of(Customers.number(), Customers.number());
        smsc.script(to.get(0), new FaultySmsc.TakeThen(stack::stopDynamo));
        Batch batch = customers.send(account, to, "Report me");
        List<String> ids = FaultInvariant.messageIds(batch);
        List<Message> received = queue.receiveSome(account, PATIENCE);

        DispatchQueueDriver.Delivery first = queue.invoke(received);
        assertEquals(1, first.failed().size());
        stack.restartDynamo();
        // The SMSC's report is quicker than the chunk's redelivery: it finds the message still in flight.
        FaultySmsc.Arrival taken = smsc.arrivals(List.of(ids.get(0))).get(0);
        receipts.apply(new DeliveryReceipt("http", ids.get(0), MessageState.Status.DELIVERED, taken.smscId(), Instant.now(), null));
        DispatchQueueDriver.Delivery redelivery = queue.redeliver(first);

        assertEquals(List.of(), redelivery.failed());
        queue.settle(redelivery);
        MessageRecord reported = ledger.records(account, batch.referenceId(), 0, 1).get(0);
        assertEquals(MessageState.Status.DELIVERED, reported.state().status(), "a final status stays final: " + reported);
        assertFalse(reported.inFlight(), "the lost attempt is closed");
        assertEquals(taken.smscId(), reported.state().smscMessageId());
        assertEquals(Map.of(ids.get(0), 1L, ids.get(1), 1L), smsc.submissions(ids));

        FaultInvariant.reportDelivered(receipts, smsc, batch);

        FaultInvariant.check(customers, smsc, account, 100, true, batch);
        assertEquals(98, customers.balance(account));
    }
}
