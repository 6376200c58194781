package com.ninebits.sms.events;

import com.ninebits.sms.adapters.sqs.SqsDispatchQueue;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.dispatch.MessageDispatch;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.batch.DispatchQueue;
import com.ninebits.sms.domain.batch.Recipients;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.batch.SendingAccounts;
import com.ninebits.sms.domain.group.GroupStore;
import com.ninebits.sms.domain.webhook.WebhookUrls;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.QueueReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatcher function as Lambda runs it, fed from the real local dispatch queue, against the
 * in-process simulator SMSC (…999 refused, …998 always temporarily failing, anything else taken).
 */
@QuarkusTest
@TestProfile(DispatchSimulatorTest.Simulator.class)
class DispatchSimulatorTest {

    public static class Simulator extends DispatcherProfile {
        public Simulator() {
            super("simulator", DispatcherStackResource.class, Map.of());
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    // 161 GSM characters: two parts, so that a refund by parts differs from a refund by messages.
    private static final String TWO_PART_BODY = "x".repeat(161);
    @Inject
    BatchSubmission submission;
    @Inject
    BatchReport report;
    @Inject
    MessageLedger ledger;

    @Inject
    SendingAccounts sendingAccounts;
    @Inject
    GroupStore groups;
    @Inject
    com.ninebits.sms.domain.optout.OptOutStore optOuts;
    @Inject
    BatchStore batches;
    @Inject
    Credit credit;
    @Inject
    SqsDispatchQueue queueAdapter;
    @Inject
    WebhookUrls webhookUrls;

    private final DispatchQueueDriver queue = new DispatchQueueDriver();
    @Inject
    Customers customers;

    // Invariant: every message of a dispatched batch ends `dispatched` under the SMSC's id, and
    // dispatching charges nothing beyond what acceptance reserved.
    @Test
    void dispatchesEveryMessageOfABatchUnderAnSmscIdWithoutChargingAgain() {
        String account = customers.open(100, null);
        Batch batch = customers.send(account, List.of(Customers.number(), Customers.number(), Customers.number()), "Your code is 1234");
        assertEquals(97, customers.balance(account));

        DispatchQueueDriver.Delivery delivery = queue.deliver(queue.receiveSome(account, PATIENCE));

        assertEquals(List.of(), delivery.failed());
        List<MessageState> messages = customers.messages(account, batch);
        assertEquals(batch.recipients(), messages.stream().map(MessageState::to).toList());
        for (MessageState message : messages) {
            assertEquals(MessageState.Status.DISPATCHED, message.status(), message.toString());
            assertNotNull(message.smscMessageId(), message.toString());
            assertTrue(message.smscMessageId().startsWith("sim-"), message.toString());
        }
        assertEquals(3, messages.stream().map(MessageState::smscMessageId).distinct().count());
        assertEquals("dispatching", customers.report(account, batch).status(), "dispatched is not final: reports are to come");
        assertEquals(97, customers.balance(account));
        assertEquals(List.of(), queue.receive(account, Duration.ofSeconds(1)), "the chunk was deleted");
    }

    // Invariant: a batch accepted for now reaches the SMSC at once, even when the dispatcher reads its
    // queue message in the moment between the queue taking it and the acceptance writing ACCEPTED:
    // it is not handed back to wait for a visibility timeout, and it is charged once.
    @Test
    void aJustAcceptedBatchIsNotBouncedWhenItsQueueMessageIsReadBeforeTheAcceptanceEnds() {
        String account = customers.open(100, null);
        List<DispatchQueueDriver.Delivery> early = new ArrayList<>();
        List<Batch.State> seenByTheDispatcher = new ArrayList<>();
        long[] dispatched = new long[1];
        DispatchQueue readAtOnce = batch -> {
            queueAdapter.enqueue(batch);
            seenByTheDispatcher.add(batches.find(account, batch.referenceId()).orElseThrow().state());
            early.add(queue.deliver(queue.receiveSome(account, PATIENCE)));
            dispatched[0] = System.nanoTime();
        };
        BatchSubmission racing = new BatchSubmission(sendingAccounts, new Recipients(groups, optOuts), batches, credit, readAtOnce,
                webhookUrls, Clock.systemUTC(), 10_000);
        SendRequest request = new SendRequest(Customers.SENDER, List.of(Customers.number(), Customers.number()), "Now", null,
                "none", null, null, "ref-" + java.util.UUID.randomUUID(), null, List.of());

        long started = System.nanoTime();
        Batch batch = racing.submit(account, request).batch();
        Duration toTheSmsc = Duration.ofNanos(dispatched[0] - started);

        assertEquals(List.of(Batch.State.PENDING), seenByTheDispatcher, "the dispatcher read it before ACCEPTED");
        assertEquals(List.of(), early.get(0).failed(), "handed back for want of acceptance");
        assertTrue(customers.messages(account, batch).stream().allMatch(m -> m.status() == MessageState.Status.DISPATCHED),
                customers.messages(account, batch).toString());
        assertTrue(toTheSmsc.compareTo(Duration.ofSeconds(2)) < 0, "the SMSC had it only after " + toTheSmsc);
        assertEquals(Batch.State.ACCEPTED, batches.find(account, batch.referenceId()).orElseThrow().state());
        assertEquals(98, customers.balance(account));
    }

    // Invariant: a redelivered queue message never submits a message a second time: the SMSC ids
    // recorded by the first delivery are the only ones there are.
    @Test
    void aChunkDeliveredTwiceIsSubmittedOnce() {
        String account = customers.open(100, null);
        Batch batch = customers.send(account, List.of(Customers.number(), Customers.number()), "Hello twice");
        List<Message> received = queue.receiveSome(account, PATIENCE);

        // The first invocation's answer is lost (timeout, crash before the deletion): SQS delivers the same record again.
        DispatchQueueDriver.Delivery first = queue.invoke(received);
        List<MessageState> afterFirst = customers.messages(account, batch);
        DispatchQueueDriver.Delivery second = queue.redeliver(first);
        queue.settle(second);

        assertEquals(List.of(), first.failed());
        assertEquals(List.of(), second.failed());
        List<MessageState> afterSecond = customers.messages(account, batch);
        assertEquals(ids(afterFirst), ids(afterSecond));
        assertEquals(afterFirst.stream().map(MessageState::updatedAt).toList(), afterSecond.stream().map(MessageState::updatedAt).toList(),
                "the redelivery changed nothing");
        assertTrue(afterSecond.stream().allMatch(m -> m.status() == MessageState.Status.DISPATCHED), afterSecond.toString());
        for (int index = 0; index < batch.recipients().size(); index++) {
            assertEquals(1, record(batch, index).attempts(), "one submission claimed for message " + index);
        }
        assertEquals(98, customers.balance(account));
    }

    // Invariant: a message the SMSC refuses for good ends `rejected` and its parts are refunded
    // exactly once, however often its chunk is delivered.
    @Test
    void aRefusedMessageEndsRejectedAndItsPartsAreRefundedOnce() {
        String account = customers.open(100, null);
        String refused = Customers.numberEndingIn("999");
        Batch batch = customers.send(account, List.of(Customers.number(), refused), TWO_PART_BODY);
        assertEquals(2, batch.parts());
        assertEquals(96, customers.balance(account));

        DispatchQueueDriver.Delivery first = queue.invoke(queue.receiveSome(account, PATIENCE));
        assertEquals(98, customers.balance(account), "the refused message's two parts came back");
        queue.settle(queue.redeliver(first));

        assertEquals(List.of(), first.failed());
        List<MessageState> messages = customers.messages(account, batch);
        assertEquals(MessageState.Status.DISPATCHED, messages.get(0).status());
        MessageState rejected = messages.get(1);
        assertEquals(Customers.digits(refused), rejected.to());
        assertEquals(MessageState.Status.REJECTED, rejected.status());
        assertEquals("invalid_destination", rejected.errorCode());
        assertEquals(98, customers.balance(account), "a redelivery refunds nothing more");
        assertEquals("dispatching", customers.report(account, batch).status());
    }

    // Invariant: a temporary SMSC failure hands the record back with a growing wait, without
    // submitting twice per attempt; after MAX_ATTEMPTS deliveries the message ends `failed` and is refunded.
    @Test
    void aTemporarilyFailingMessageIsRetriedWithGrowingWaitsThenFailsAndIsRefunded() {
        String account = customers.open(100, null);
        Batch batch = customers.send(account, List.of(Customers.numberEndingIn("998")), "Try again");
        assertEquals(99, customers.balance(account));
        List<Message> received = queue.receiveSome(account, PATIENCE);

        List<Long> waits = new ArrayList<>();
        DispatchQueueDriver.Delivery delivery;
        try (RetryWaits log = RetryWaits.capture()) {
            delivery = queue.invoke(received);
            for (int attempt = 1; attempt < MessageDispatch.MAX_ATTEMPTS; attempt++) {
                assertEquals(List.of(received.get(0).messageId()), delivery.failed(), "attempt " + attempt + " is handed back");
                MessageRecord record = record(batch, 0);
                assertEquals(MessageState.Status.QUEUED, record.state().status());
                assertEquals(attempt, record.attempts());
                assertEquals(99, customers.balance(account));
                // SQS would offer it again after the wait; not waiting for it, the record is delivered again at once.
                delivery = queue.redeliver(delivery);
            }
            waits.addAll(log.waits(batch.referenceId()));
        }
        queue.settle(delivery);

        assertEquals(List.of(), delivery.failed(), "the last attempt finishes the chunk");
        assertEquals(MessageDispatch.MAX_ATTEMPTS - 1, waits.size(), "one wait per handed-back attempt: " + waits);
        for (int i = 1; i < waits.size(); i++) {
            assertTrue(waits.get(i) > waits.get(i - 1), "each wait is longer than the one before: " + waits);
        }
        MessageRecord record = record(batch, 0);
        assertEquals(MessageState.Status.FAILED, record.state().status());
        assertEquals(MessageDispatch.MAX_ATTEMPTS, record.attempts());
        assertEquals("smsc_unavailable", record.state().errorCode());
        assertEquals(100, customers.balance(account));
        assertEquals("completed", customers.report(account, batch).status());
    }

    // Invariant: a message not dispatched by its batch's expire_at is never sent: it ends `expired`
    // and its parts are refunded.
    @Test
    void messagesStillQueuedAtTheirExpiryEndExpiredAndAreRefunded() throws InterruptedException {
        String account = customers.open(100, null);
        Instant expireAt = Instant.now().plusSeconds(2);
        Batch batch = customers.send(account, List.of(Customers.number(), Customers.number()), TWO_PART_BODY, null, expireAt);
        assertEquals(96, customers.balance(account));
        List<Message> received = queue.receiveSome(account, PATIENCE);
        sleepUntil(expireAt.plusMillis(200));

        DispatchQueueDriver.Delivery delivery = queue.deliver(received);

        assertEquals(List.of(), delivery.failed());
        List<MessageState> messages = customers.messages(account, batch);
        for (MessageState message : messages) {
            assertEquals(MessageState.Status.EXPIRED, message.status(), message.toString());
            assertNull(message.smscMessageId(), "never submitted: " + message);
        }
        assertEquals(0, record(batch, 0).attempts());
        assertEquals(100, customers.balance(account));
        assertEquals("completed", customers.report(account, batch).status());
    }

    // Invariant: a chunk whose token is not the one its batch was accepted under (an acceptance
    // that was undone, and its reference accepted again) sends nothing and leaves the queue.
    @Test
    void aChunkOfAnUndoneAcceptanceIsDeletedWithoutSending() {
        String account = customers.open(100, null);
        // Scheduled an hour ahead, the batch is accepted but has no chunk of its own on the queue yet.
        Batch batch = customers.send(account, List.of(Customers.number(), Customers.number()), "Not from this attempt",
                Instant.now().plus(Duration.ofHours(1)), null);
        assertEquals(98, customers.balance(account));
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("account_id", account);
        chunk.put("reference_id", batch.referenceId());
        chunk.put("token", "undone-" + batch.token());
        chunk.put("first_index", 0);
        chunk.put("recipients", batch.recipients());
        queue.send(account, SqsEvents.json(chunk));

        DispatchQueueDriver.Delivery delivery = queue.deliver(queue.receiveSome(account, PATIENCE));

        assertEquals(List.of(), delivery.failed(), "nothing to retry: the record is deleted");
        assertEquals(List.of(), queue.receive(account, Duration.ofSeconds(1)));
        assertEquals(Map.of(), ledger.records(account, batch.referenceId(), 0, batch.recipients().size()), "nothing was claimed or sent");
        assertEquals(List.of(MessageState.Status.QUEUED, MessageState.Status.QUEUED), customers.statuses(account, batch));
        assertEquals(98, customers.balance(account));
    }

    // Invariant: a queue message no dispatcher can read goes to the dead-letter queue at once, with
    // its problem, and does not hold back its account's next chunk.
    @Test
    void anUnreadableMessageGoesToTheDeadLetterQueueAndTheAccountGoesOn() {
        String account = customers.open(100, null);
        queue.send(account, "{\"not\":\"a chunk\"}");
        Batch batch = customers.send(account, List.of(Customers.number()), "After the poison");

        // One event or two (SQS may hand over the group's two messages together): none is handed back.
        assertEquals(List.of(), queue.deliver(queue.receiveSome(account, PATIENCE)).failed());
        if (customers.statuses(account, batch).get(0) == MessageState.Status.QUEUED) {
            assertEquals(List.of(), queue.deliver(queue.receiveSome(account, PATIENCE)).failed());
        }

        assertEquals(List.of(MessageState.Status.DISPATCHED), customers.statuses(account, batch));
        LocalStack stack = LocalStack.shared();
        String dlq = stack.queueUrl("DispatchDeadLetterQueue");
        List<Message> dead = QueueReader.peek(stack.sqs(), dlq, m -> m.body().equals("{\"not\":\"a chunk\"}")
                && m.messageAttributes().containsKey("problem"));
        assertEquals(1, dead.size(), "the unreadable message, with its problem");
    }

    // Invariant: a chunk without its recipients can never be sent: put aside at once, not handed back
    // up to the queue's redrive count.
    @Test
    void aChunkWithoutRecipientsGoesToTheDeadLetterQueueAtOnce() {
        String account = customers.open(100, null);
        String body = "{\"account_id\":\"" + account + "\",\"reference_id\":\"no-recipients\",\"token\":\"tok\","
                + "\"first_index\":0,\"recipients\":null}";
        queue.send(account, body);

        assertEquals(List.of(), queue.deliver(queue.receiveSome(account, PATIENCE)).failed());

        LocalStack stack = LocalStack.shared();
        List<Message> dead = QueueReader.peek(stack.sqs(), stack.queueUrl("DispatchDeadLetterQueue"),
                m -> m.body().equals(body) && m.messageAttributes().containsKey("problem"));
        assertEquals(1, dead.size(), "the chunk without recipients, with its problem");
    }

    // ------------------------------------------------------------------------- helpers

    private MessageRecord record(Batch batch, int index) {
        MessageRecord record = ledger.records(batch.accountId(), batch.referenceId(), index, index + 1).get(index);
        return record == null ? new MessageRecord(null, 0, false) : record;
    }

    private static List<String> ids(List<MessageState> messages) {
        return messages.stream().map(MessageState::smscMessageId).toList();
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /**
     * The waits the dispatcher gave SQS for handed-back records, read from its log line per chunk:
     * the wait goes into the message's visibility, which SQS offers no way to read back.
     */
    static final class RetryWaits extends Handler implements AutoCloseable {

        private static final Pattern RETRY = Pattern.compile("reference=(\\S+) .*outcome=retry after=(\\d+)ms");
        private final Logger logger = Logger.getLogger(DispatcherHandler.class.getName());
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        static RetryWaits capture() {
            RetryWaits waits = new RetryWaits();
            waits.logger.addHandler(waits);
            return waits;
        }

        List<Long> waits(String referenceId) {
            List<Long> found = new ArrayList<>();
            synchronized (lines) {
                for (String line : lines) {
                    Matcher m = RETRY.matcher(line);
                    if (m.find() && m.group(1).equals(referenceId)) {
                        found.add(Long.parseLong(m.group(2)));
                    }
                }
            }
            return found;
        }

        @Override
        public void publish(LogRecord record) {
            Object[] parameters = record.getParameters();
            String message = record.getMessage();
            lines.add(parameters == null || parameters.length == 0 ? message : String.format(message, parameters));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
