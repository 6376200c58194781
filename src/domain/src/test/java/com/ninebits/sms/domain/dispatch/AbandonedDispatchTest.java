package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.InMemoryBatchStore;
import com.ninebits.sms.domain.account.InMemoryCredit;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.callback.RecordingCallbackQueue;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.dispatch.AbandonedDispatch.Ended;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A chunk in the dispatch queue's dead-letter queue leaves nothing charged that was never sent. */
class AbandonedDispatchTest {

    private static final String ACCOUNT = "acc_1";
    private static final String REF = "ref-1";
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final long BALANCE = 1000;
    private static final String N0 = "2348020000000";
    private static final String N1 = "2348020000001";
    private static final String N2 = "2348020000002";
    private static final String N3 = "2348020000003";

    private final TestClock clock = new TestClock(T0);
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryCredit credit = new InMemoryCredit();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final RecordingCallbackQueue callbacks = new RecordingCallbackQueue();
    private final AbandonedDispatch abandoned = new AbandonedDispatch(batches, ledger, credit, callbacks, clock);

    private Batch accepted(boolean reports, String... to) {
        accounts.create(new Account(ACCOUNT, "Acme", "NG", 10, 32, 10, BALANCE, T0));
        credit.open(ACCOUNT, BALANCE);
        Batch batch = new Batch(ACCOUNT, REF, "tok", "fingerprint", Batch.State.ACCEPTED, "myCode", "Hello", Encoding.GSM7, 2,
                reports, T0, null, T0.plus(Duration.ofHours(72)), null, List.of(to), List.of(), 2L * to.length);
        batches.put(batch);
        return batch;
    }

    private static DispatchChunk whole(Batch batch) {
        return DispatchChunk.of(batch, 100).get(0);
    }

    private static MessageKey key(int index) {
        return new MessageKey(ACCOUNT, REF, index);
    }

    @Test
    void everyMessageStillQueuedEndsFailedAndIsRefundedOnceHoweverOftenTheChunkComes() {
        Batch batch = accepted(false, N0, N1, N2);

        assertEquals(new Ended(3, 0), abandoned.end(whole(batch)));
        assertEquals(new Ended(0, 0), abandoned.end(whole(batch)), "the same dead letter again");

        for (int i = 0; i < 3; i++) {
            assertEquals(Status.FAILED, ledger.status(key(i)));
            assertEquals(AbandonedDispatch.ABANDONED, ledger.record(key(i)).orElseThrow().state().errorCode());
            assertEquals(0, ledger.record(key(i)).orElseThrow().refundDue());
        }
        assertEquals(BALANCE + 6, credit.balance(ACCOUNT));
        assertEquals(3, credit.refunds().size());
        assertTrue(credit.refundNotes().isEmpty());
    }

    @Test
    void messagesTheDispatcherGotFurtherWithAreLeftAsTheyAre() {
        Batch batch = accepted(false, N0, N1, N2, N3);
        // 0 dispatched; 1 rejected and refunded already; 2 released after a temporary failure.
        ledger.claim(key(0), N0, 2, 1, T0);
        ledger.dispatched(key(0), 1, "smsc-0", T0);
        ledger.finish(key(1), N1, 2, Status.REJECTED, "invalid_destination", T0);
        credit.refundOnce(ACCOUNT, key(1).messageId(), 2);
        ledger.refundPaid(key(1));
        credit.forgetRefund(ACCOUNT, key(1).messageId());
        ledger.claim(key(2), N2, 2, 1, T0);
        ledger.release(key(2), 1, "smsc busy", T0);

        assertEquals(new Ended(2, 0), abandoned.end(whole(batch)));

        assertEquals(List.of(Status.DISPATCHED, Status.REJECTED, Status.FAILED, Status.FAILED),
                List.of(ledger.status(key(0)), ledger.status(key(1)), ledger.status(key(2)), ledger.status(key(3))));
        assertEquals(BALANCE + 2 + 4, credit.balance(ACCOUNT), "the earlier refund, then 2 and 3");
    }

    @Test
    void aMessageFoundInFlightMayHaveBeenSentAndEndsUnknownCharged() {
        Batch batch = accepted(false, N0, N1);
        ledger.claim(key(0), N0, 2, 1, T0);

        assertEquals(new Ended(1, 1), abandoned.end(whole(batch)));

        assertEquals(Status.UNKNOWN, ledger.status(key(0)));
        assertEquals(MessageLedger.INTERRUPTED, ledger.record(key(0)).orElseThrow().state().errorCode());
        assertEquals(Status.FAILED, ledger.status(key(1)));
        assertEquals(BALANCE + 2, credit.balance(ACCOUNT));
    }

    @Test
    void aRefundADispatcherLeftOwingIsPaidOnce() {
        Batch batch = accepted(false, N0);
        ledger.finish(key(0), N0, 2, Status.EXPIRED, "expired", T0);

        assertEquals(new Ended(0, 0), abandoned.end(whole(batch)));
        abandoned.end(whole(batch));

        assertEquals(BALANCE + 2, credit.balance(ACCOUNT));
        assertEquals(0, ledger.record(key(0)).orElseThrow().refundDue());
    }

    @Test
    void eachEndIsToldWhereTheBatchAskedForReportsAndOnlyOnce() {
        Batch batch = accepted(true, N0, N1);

        abandoned.end(whole(batch));
        abandoned.end(whole(batch));

        List<StatusEvent> events = callbacks.events();
        assertEquals(List.of(Status.FAILED, Status.FAILED), events.stream().map(StatusEvent::status).toList());
        assertEquals(List.of(AbandonedDispatch.ABANDONED, AbandonedDispatch.ABANDONED),
                events.stream().map(StatusEvent::errorCode).toList());
        assertEquals(List.of(N0, N1), events.stream().map(StatusEvent::to).toList());
    }

    @Test
    void aChunkOfAnUndoneAcceptanceWasRefundedByTheUndoing() {
        Batch batch = accepted(false, N0);
        DispatchChunk stale = new DispatchChunk(ACCOUNT, REF, "tok-of-an-undone-acceptance", 0, List.of(N0));

        assertInstanceOf(AbandonedDispatch.NothingCharged.class, abandoned.end(stale));
        assertEquals(0, ledger.size());
        assertEquals(BALANCE, credit.balance(ACCOUNT));
        assertEquals("tok", batch.token());
    }

    @Test
    void aChunkOfABatchStillBeingAcceptedWaitsForItToSettle() {
        accounts.create(new Account(ACCOUNT, "Acme", "NG", 10, 32, 10, BALANCE, T0));
        credit.open(ACCOUNT, BALANCE);
        Batch pending = new Batch(ACCOUNT, REF, "tok", "fingerprint", Batch.State.PENDING, "myCode", "Hello", Encoding.GSM7, 1,
                false, T0, null, T0.plus(Duration.ofHours(72)), null, List.of(N0), List.of(), 1);
        batches.put(pending);

        assertInstanceOf(AbandonedDispatch.NotYet.class, abandoned.end(whole(pending)));
        assertEquals(0, ledger.size());
    }
}
