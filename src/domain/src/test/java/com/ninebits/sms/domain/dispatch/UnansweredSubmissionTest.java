package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.account.InMemoryCredit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.batch.InMemoryBatchStore;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Done;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A submission the SMSC received but never answered (read timeout, dropped connection) may have
 * been taken. Invariant: it is never submitted again, ends {@code unknown} without a refund, and
 * does not stop the rest of the chunk; a connection never made is still retried.
 */
class UnansweredSubmissionTest {

    private static final String ACCOUNT = "acc_1";
    private static final String REF = "ref-1";
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final String N0 = "2348020000000";
    private static final String N1 = "2348020000001";
    private static final String N2 = "2348020000002";

    private final TestClock clock = new TestClock(T0);
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryCredit credit = new InMemoryCredit();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final RecordingSmsc smsc = new RecordingSmsc(clock);
    private final MessageDispatch dispatch = new MessageDispatch(batches, accounts, credit, ledger, new InMemoryRateLimiter(), smsc,
            new com.ninebits.sms.domain.callback.RecordingCallbackQueue(), clock,
            clock::advance);

    private DispatchChunk acceptedChunk(String... to) {
        accounts.create(new Account(ACCOUNT, "Acme", "NG", 100, 1, 10, 1000, T0));
        credit.open(ACCOUNT, 1000);
        Batch batch = new Batch(ACCOUNT, REF, "tok", "fingerprint", Batch.State.ACCEPTED, "myCode", "Hello", Encoding.GSM7, 1, true,
                T0, null, T0.plus(Duration.ofHours(72)), null, List.of(to), List.of(), to.length);
        batches.put(batch);
        return DispatchChunk.of(batch, 100).get(0);
    }

    private MessageRecord record(int index) {
        return ledger.record(new MessageKey(ACCOUNT, REF, index)).orElseThrow();
    }

    @Test
    void anUnansweredSubmissionEndsUnknownIsNeverSentAgainAndTheChunkGoesOn() {
        DispatchChunk chunk = acceptedChunk(N0, N1, N2);
        smsc.numberAnswers(N1, new SubmitResult.Unanswered("read timeout"));

        assertEquals(new Done(2), dispatch.dispatch(chunk, clock.instant().plusSeconds(60)));
        assertEquals(new Done(0), dispatch.dispatch(chunk, clock.instant().plusSeconds(60)), "a redelivery sends nothing");

        assertEquals(List.of(N0, N1, N2), smsc.numbersSubmitted());
        MessageRecord unanswered = record(1);
        assertEquals(Status.UNKNOWN, unanswered.state().status());
        assertEquals("smsc_no_answer", unanswered.state().errorCode());
        assertFalse(unanswered.inFlight());
        assertEquals(1, unanswered.attempts());
        assertEquals(List.of(), credit.refunds(), "it may have gone: not refunded");
        assertEquals(Status.DISPATCHED, record(2).state().status());
    }

    @Test
    void aSubmissionThatNeverLeftIsStillRetried() {
        DispatchChunk chunk = acceptedChunk(N0);
        smsc.numberAnswers(N0, new SubmitResult.RetryLater("connection refused", Duration.ofSeconds(5)));

        assertEquals(MessageDispatch.RetryAfter.class, dispatch.dispatch(chunk, clock.instant().plusSeconds(60)).getClass());
        assertEquals(new Done(1), dispatch.dispatch(chunk, clock.instant().plusSeconds(60)));

        assertEquals(List.of(N0, N0), smsc.numbersSubmitted());
        assertEquals(Status.DISPATCHED, record(0).state().status());
    }
}
