package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.account.InMemoryCredit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.batch.InMemoryBatchStore;
import com.ninebits.sms.domain.batch.RecordingDispatchQueue;
import com.ninebits.sms.domain.callback.RecordingCallbackQueue;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchCancellationTest {

    private static final String ACCOUNT = "acc_1";
    private static final String REF = "ref-1";
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final long BALANCE = 1000;
    private static final int PARTS = 2;

    private final TestClock clock = new TestClock(T0);
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryCredit credit = new InMemoryCredit();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final RecordingSmsc smsc = new RecordingSmsc(clock);
    private final RecordingCallbackQueue callbacks = new RecordingCallbackQueue();
    private final RecordingCancellationQueue queue = new RecordingCancellationQueue();
    private final BatchReport report = new BatchReport(batches, ledger, clock);
    private final MessageDispatch dispatch = new MessageDispatch(batches, accounts, credit, ledger, new InMemoryRateLimiter(),
            smsc, callbacks, clock, clock::advance);

    @BeforeEach
    void anAccount() {
        accounts.create(new Account(ACCOUNT, "Acme", "NG", 100, Account.DEFAULT_DISPATCH_WINDOW, 10, BALANCE, T0));
        credit.open(ACCOUNT, BALANCE);
    }

    private BatchCancellation cancellation(Duration budget) {
        return new BatchCancellation(batches, report, ledger, credit, callbacks, queue, clock, budget);
    }

    private Batch accepted(int recipients, boolean deliveryReport, Instant sendAt) {
        List<String> to = IntStream.range(0, recipients).mapToObj(i -> "23480200000" + String.format("%02d", i)).toList();
        Batch b = new Batch(ACCOUNT, REF, "tok", "fp", Batch.State.ACCEPTED, "myCode", "Hello", Encoding.GSM7, PARTS,
                deliveryReport, T0, sendAt, T0.plus(Duration.ofHours(72)), deliveryReport ? "https://hooks.example.com/x" : null,
                to, List.of(), (long) PARTS * recipients);
        batches.put(b);
        return b;
    }

    private static MessageKey key(int index) {
        return new MessageKey(ACCOUNT, REF, index);
    }

    private Status status(int index) {
        return ledger.status(key(index));
    }

    private long refunded() {
        return credit.refunds().stream().mapToLong(InMemoryCredit.Refund::amount).sum();
    }

    @Test
    void everyQueuedMessageEndsCancelledAndIsRefundedOnceHoweverOftenItIsCancelled() {
        accepted(3, false, null);

        BatchCancellation.Outcome first = cancellation(Duration.ofSeconds(10)).cancel(ACCOUNT, REF);
        BatchCancellation.Outcome again = cancellation(Duration.ofSeconds(10)).cancel(ACCOUNT, REF);

        assertEquals(3, first.cancelled());
        assertEquals(0, again.cancelled());
        assertEquals("cancelled", again.view().status());
        assertEquals(3, again.view().counts().get(Status.CANCELLED));
        IntStream.range(0, 3).forEach(i -> assertEquals(Status.CANCELLED, status(i)));
        assertEquals(3L * PARTS, refunded());
        assertEquals(BALANCE + 3L * PARTS, credit.balance(ACCOUNT));
        assertTrue(queue.cancellations().isEmpty(), "nothing was left for the dispatchers");
    }

    @Test
    void messagesAlreadyWithTheSmscGoOnAndOneBeingSubmittedIsNotCancelled() {
        Batch b = accepted(3, false, null);
        ledger.put(key(0), new MessageState(0, b.recipients().get(0), Status.DISPATCHED, PARTS, "smsc-1", null, T0, null), 1, false, 0);
        assertTrue(ledger.claim(key(1), b.recipients().get(1), PARTS, 1, T0));

        cancellation(Duration.ofSeconds(10)).cancel(ACCOUNT, REF);

        assertEquals(Status.DISPATCHED, status(0));
        assertEquals(Status.QUEUED, status(1), "a claimed attempt wins over the cancel");
        assertTrue(ledger.record(key(1)).orElseThrow().inFlight());
        assertEquals(Status.CANCELLED, status(2));
        assertEquals(PARTS, refunded());
    }

    @Test
    void aClaimLosesToACancelSoTheDispatcherSubmitsNothingOfACancelledBatch() {
        Batch b = accepted(4, false, null);
        cancellation(Duration.ofSeconds(10)).cancel(ACCOUNT, REF);

        assertFalse(ledger.claim(key(0), b.recipients().get(0), PARTS, 1, T0), "a cancelled message cannot be claimed");
        MessageDispatch.Outcome outcome = dispatch.dispatch(DispatchChunk.of(b, 100).get(0), T0.plus(Duration.ofMinutes(1)));

        assertEquals(new MessageDispatch.Done(0), outcome);
        assertTrue(smsc.calls.isEmpty(), "the SMSC saw nothing of it");
        assertEquals(4L * PARTS, refunded());
    }

    @Test
    void whatTheRequestHasNoTimeForIsHandedToTheDispatchersWhichCancelItWithoutSubmitting() {
        Batch b = accepted(5, true, null);

        BatchCancellation.Outcome outcome = cancellation(Duration.ofMillis(-1)).cancel(ACCOUNT, REF);

        assertTrue(outcome.handedOn());
        assertEquals(List.of(new RecordingCancellationQueue.HandedOn(b.withCancelledAt(T0), 0)), queue.cancellations());
        assertEquals("cancelled", outcome.view().status());
        for (DispatchChunk chunk : DispatchChunk.of(batches.peek(ACCOUNT, REF).orElseThrow(), 2)) {
            assertEquals(new MessageDispatch.Done(0), dispatch.dispatch(chunk, T0.plus(Duration.ofMinutes(1))));
        }
        IntStream.range(0, 5).forEach(i -> assertEquals(Status.CANCELLED, status(i)));
        assertTrue(smsc.calls.isEmpty());
        assertEquals(5L * PARTS, refunded());
        assertEquals(5, callbacks.events().stream().filter(e -> e.status() == Status.CANCELLED).count(),
                "one callback per cancelled message, as the batch asked for reports");
    }

    @Test
    void aCancelledMessageTellsItsCallbackOnce() {
        accepted(2, true, null);
        cancellation(Duration.ofSeconds(10)).cancel(ACCOUNT, REF);
        cancellation(Duration.ofSeconds(10)).cancel(ACCOUNT, REF);

        List<StatusEvent> events = callbacks.events();
        assertEquals(2, events.size());
        assertTrue(events.stream().allMatch(e -> e.status() == Status.CANCELLED));
    }

    @Test
    void aDispatcherMeetingAFreshRefundOfACancellationLeavesItToTheCancellerAndComesBackAfterTheLease() {
        Batch b = accepted(1, false, null).withCancelledAt(T0);
        batches.put(b);
        // The canceller moved it and has not paid yet: a stale payer must not pay it as well.
        ledger.put(key(0), new MessageState(0, b.recipients().get(0), Status.CANCELLED, PARTS, null, null, T0, null), 0, false, PARTS);

        MessageDispatch.Outcome early = dispatch.dispatch(DispatchChunk.of(b, 10).get(0), T0.plus(Duration.ofMinutes(1)));
        assertInstanceOf(MessageDispatch.RetryAfter.class, early);
        assertEquals(0, refunded());

        clock.advance(Refunds.LEASE.plusSeconds(1));
        MessageDispatch.Outcome late = dispatch.dispatch(DispatchChunk.of(b, 10).get(0), clock.instant().plusSeconds(60));
        assertEquals(new MessageDispatch.Done(0), late);
        assertEquals(PARTS, refunded(), "a canceller that died is taken over once its lease is over");
    }

    @Test
    void anAttemptLeftInFlightByADeadDispatcherEndsUnknownNotCancelled() {
        Batch b = accepted(1, false, null);
        assertTrue(ledger.claim(key(0), b.recipients().get(0), PARTS, 1, T0));
        clock.advance(Refunds.LEASE.plusSeconds(1));

        cancellation(Duration.ofSeconds(10)).cancel(ACCOUNT, REF);

        assertEquals(Status.UNKNOWN, status(0), "the SMSC may have it: charged, never cancelled");
        assertEquals(0, refunded());
    }

    @Test
    void aScheduledBatchCancelledBeforeItsTimeNeverReachesTheSmsc() {
        Batch b = accepted(3, false, T0.plus(Duration.ofHours(1)));
        InMemorySchedule schedule = new InMemorySchedule();
        schedule.file(new ReleaseSchedule.Entry(ACCOUNT, REF, b.token(), b.sendAt()));
        BatchReport.View view = cancellation(Duration.ofSeconds(10)).cancel(ACCOUNT, REF).view();
        assertEquals("cancelled", view.status());

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        RecordingDispatchQueue released = new RecordingDispatchQueue();
        new ScheduleRelease(schedule, batches, released, clock).releaseDue();
        for (Batch out : released.enqueued()) {
            for (DispatchChunk chunk : DispatchChunk.of(out, 100)) {
                dispatch.dispatch(chunk, clock.instant().plusSeconds(60));
            }
        }

        assertTrue(smsc.calls.isEmpty(), "a cancelled scheduled batch never goes out");
        IntStream.range(0, 3).forEach(i -> assertEquals(Status.CANCELLED, status(i)));
        assertEquals(3L * PARTS, refunded());
    }

    @Test
    void anotherAccountsBatchIsNotFound() {
        accepted(1, false, null);
        assertThrows(DomainException.NotFound.class, () -> cancellation(Duration.ofSeconds(10)).cancel("acc_2", REF));
        assertEquals(null, status(0), "nothing of the batch was touched");
        assertTrue(batches.peek(ACCOUNT, REF).orElseThrow().cancelledAt() == null);
    }
}
