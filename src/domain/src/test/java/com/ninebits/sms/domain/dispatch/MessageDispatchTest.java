package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.Fault;
import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.account.InMemoryCredit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.batch.InMemoryBatchStore;
import com.ninebits.sms.domain.callback.RecordingCallbackQueue;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Discarded;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Done;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Outcome;
import com.ninebits.sms.domain.dispatch.MessageDispatch.RetryAfter;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageDispatchTest {

    private static final String ACCOUNT = "acc_1";
    private static final String REF = "ref-1";
    private static final String TOKEN = "tok-1";
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final long START_BALANCE = 1000;
    private static final String N0 = "2348020000000";
    private static final String N1 = "2348020000001";
    private static final String N2 = "2348020000002";
    private static final String N3 = "2348020000003";
    private static final String N4 = "2348020000004";
    private static final String N5 = "2348020000005";
    private static final String N6 = "2348020000006";

    private final TestClock clock = new TestClock(T0);
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryCredit credit = new InMemoryCredit();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
    private final RecordingSmsc smsc = new RecordingSmsc(clock);
    private final List<Duration> sleeps = new ArrayList<>();
    private final MessageDispatch.Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };
    private final RecordingCallbackQueue callbacks = new RecordingCallbackQueue();
    private final MessageDispatch dispatch = new MessageDispatch(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock,
            sleeper);

    @BeforeEach
    void anAccountWithRoomToSpare() {
        withRate(100);
    }

    private void withRate(int partsPerSecond) {
        accounts.remove(ACCOUNT);
        accounts.create(new Account(ACCOUNT, "Acme", "NG", partsPerSecond, Account.DEFAULT_DISPATCH_WINDOW, 10, START_BALANCE, T0));
        credit.open(ACCOUNT, START_BALANCE);
    }

    private static Batch batch(Batch.State state, String token, int parts, Instant expireAt, String... to) {
        return batch(state, token, parts, expireAt, true, to);
    }

    private static Batch batch(Batch.State state, String token, int parts, Instant expireAt, boolean deliveryReport,
                               String... to) {
        return new Batch(ACCOUNT, REF, token, "fingerprint", state, "myCode", "Hello there", Encoding.GSM7, parts,
                deliveryReport, T0, null, expireAt, deliveryReport ? "https://hooks.example.com/sms" : null, List.of(to),
                List.of(), (long) parts * to.length);
    }

    /** An accepted batch, stored, expiring 72 h after T0. */
    private Batch accepted(int parts, String... to) {
        Batch b = batch(Batch.State.ACCEPTED, TOKEN, parts, T0.plus(Duration.ofHours(72)), to);
        batches.put(b);
        return b;
    }

    private static DispatchChunk whole(Batch b) {
        List<DispatchChunk> chunks = DispatchChunk.of(b, 100);
        assertEquals(1, chunks.size());
        return chunks.get(0);
    }

    /** Dispatches with a budget that never gets in the way. */
    private Outcome dispatch(DispatchChunk chunk) {
        return dispatch.dispatch(chunk, clock.instant().plus(Duration.ofMinutes(5)));
    }

    private static MessageKey key(int index) {
        return new MessageKey(ACCOUNT, REF, index);
    }

    private MessageRecord record(int index) {
        Optional<MessageRecord> r = ledger.record(key(index));
        assertTrue(r.isPresent(), "no record for message " + index);
        return r.get();
    }

    private long refunded() {
        return credit.refunds().stream().mapToLong(InMemoryCredit.Refund::amount).sum();
    }

    /** Parts the SMSC received per second of the fake clock, by seconds since T0. */
    private Map<Long, Integer> partsPerSecond() {
        Map<Long, Integer> perSecond = new TreeMap<>();
        for (RecordingSmsc.Call call : smsc.calls) {
            long second = Math.floorDiv(call.at().toEpochMilli() - T0.toEpochMilli(), 1000);
            perSecond.merge(second, call.submission().parts(), Integer::sum);
        }
        return perSecond;
    }

    // --- recording acceptances while the next message goes out ---

    @Test
    void everyAcceptanceIsRecordedBeforeTheChunkIsLeftWhenRecordingRunsAlongside() {
        ExecutorService recorder = Executors.newSingleThreadExecutor();
        try {
            MessageDispatch alongside = new MessageDispatch(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock, sleeper,
                    recorder);
            Batch b = accepted(1, N0, N1, N2);

            assertEquals(new Done(3), alongside.dispatch(whole(b), clock.instant().plus(Duration.ofMinutes(5))));

            for (int i = 0; i < 3; i++) {
                assertEquals(Status.DISPATCHED, record(i).state().status());
                assertFalse(record(i).inFlight());
            }
            assertEquals(3, callbacks.sent.size());
        } finally {
            recorder.shutdownNow();
        }
    }

    // Invariant: a message the SMSC took whose acceptance could not be recorded is never sent again.
    @Test
    void anAcceptanceThatCouldNotBeRecordedLeavesTheMessageInFlightAndItIsNotSentAgain() {
        ExecutorService recorder = Executors.newSingleThreadExecutor();
        try {
            MessageDispatch alongside = new MessageDispatch(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock, sleeper,
                    recorder);
            Batch b = accepted(1, N0, N1);
            ledger.failNextDispatched = new IllegalStateException("store refused");

            assertThrows(IllegalStateException.class,
                    () -> alongside.dispatch(whole(b), clock.instant().plus(Duration.ofMinutes(5))));
            assertTrue(record(0).inFlight());

            alongside.dispatch(whole(b), clock.instant().plus(Duration.ofMinutes(5)));

            assertEquals(Status.UNKNOWN, record(0).state().status());
            assertEquals(Status.DISPATCHED, record(1).state().status());
            assertEquals(List.of(N0, N1), smsc.numbersSubmitted());
        } finally {
            recorder.shutdownNow();
        }
    }

    // --- callback events ---

    @Test
    void queuesOneDispatchedEventPerMessageOfABatchThatAskedForReports() {
        Batch b = accepted(1, N0, N1);

        dispatch(whole(b));

        List<StatusEvent> events = callbacks.events();
        assertEquals(List.of(Status.DISPATCHED, Status.DISPATCHED), events.stream().map(StatusEvent::status).toList());
        assertEquals(List.of(N0, N1), events.stream().map(StatusEvent::to).toList());
        assertEquals(record(0).state().smscMessageId(), events.get(0).smscMessageId());
        assertEquals(key(1).messageId(), events.get(1).messageId());
        assertEquals("https://hooks.example.com/sms", events.get(0).callbackUrl());
        assertEquals(2, events.stream().map(StatusEvent::eventId).distinct().count());
    }

    @Test
    void queuesNoEventForABatchThatAskedForNone() {
        Batch b = batch(Batch.State.ACCEPTED, TOKEN, 1, T0.plus(Duration.ofHours(72)), false, N0, N1);
        batches.put(b);

        dispatch(whole(b));

        assertEquals(Status.DISPATCHED, record(1).state().status());
        assertTrue(callbacks.sent.isEmpty());
    }

    @Test
    void queuesTheFinalEventOfARejectedMessageWithItsErrorCode() {
        Batch b = accepted(1, N0);
        smsc.numberAnswers(N0, new SubmitResult.Rejected("invalid_destination", "no such number"));

        dispatch(whole(b));

        StatusEvent event = callbacks.events().get(0);
        assertEquals(Status.REJECTED, event.status());
        assertEquals("invalid_destination", event.errorCode());
    }

    @Test
    void aRedeliveredChunkQueuesNoEventTwice() {
        Batch b = accepted(1, N0, N1);
        dispatch(whole(b));

        dispatch(whole(b));

        assertEquals(2, callbacks.sent.size());
    }

    // --- sending in order ---

    @Test
    void sendsTheChunkInToOrderAndRecordsEachAsDispatchedWithTheSmscId() {
        Batch b = accepted(2, N0, N1, N2);

        Outcome outcome = dispatch(whole(b));

        assertEquals(new Done(3), outcome);
        assertEquals(List.of(N0, N1, N2), smsc.numbersSubmitted());
        assertEquals(new Submission("acc_1~ref-1~0", ACCOUNT, "myCode", N0, "Hello there", Encoding.GSM7, 2, true),
                smsc.calls.get(0).submission());
        assertEquals(List.of("acc_1~ref-1~0", "acc_1~ref-1~1", "acc_1~ref-1~2"),
                smsc.calls.stream().map(c -> c.submission().messageId()).toList());
        for (int i = 0; i < 3; i++) {
            MessageRecord r = record(i);
            assertEquals(Status.DISPATCHED, r.state().status());
            assertEquals("smsc-" + (i + 1), r.state().smscMessageId());
            assertEquals(1, r.attempts());
            assertFalse(r.inFlight());
        }
        assertEquals(List.of(), credit.refunds());
        assertEquals(START_BALANCE, credit.balance(ACCOUNT));
    }

    @Test
    void aLaterChunkKeysItsMessagesByTheirPositionInTheBatch() {
        Batch b = accepted(1, N0, N1, N2, N3, N4);
        DispatchChunk second = DispatchChunk.of(b, 2).get(1);

        Outcome outcome = dispatch(second);

        assertEquals(new Done(2), outcome);
        assertEquals(List.of(N2, N3), smsc.numbersSubmitted());
        assertEquals(List.of("acc_1~ref-1~2", "acc_1~ref-1~3"),
                smsc.calls.stream().map(c -> c.submission().messageId()).toList());
        assertEquals(Status.DISPATCHED, ledger.status(key(2)));
        assertEquals(Status.DISPATCHED, ledger.status(key(3)));
        assertEquals(2, ledger.size());
    }

    @Test
    void aRedeliveredChunkSubmitsNothingTheSecondTime() {
        Batch b = accepted(1, N0, N1, N2);
        DispatchChunk chunk = whole(b);
        assertEquals(new Done(3), dispatch(chunk));

        Outcome again = dispatch(chunk);

        assertEquals(new Done(0), again);
        assertEquals(List.of(N0, N1, N2), smsc.numbersSubmitted());
        assertEquals("smsc-2", record(1).state().smscMessageId());
        assertEquals(List.of(Status.QUEUED, Status.DISPATCHED), ledger.history(key(1)));
    }

    @Test
    void aMessageFoundInFlightIsNeverSubmittedAndEndsUnknownWithoutRefund() {
        Batch b = accepted(1, N0, N1, N2);
        // A dispatcher claimed message 1 and died before recording the SMSC's answer.
        assertTrue(ledger.claim(key(1), N1, 1, 1, T0));

        Outcome outcome = dispatch(whole(b));

        assertEquals(new Done(2), outcome);
        assertEquals(List.of(N0, N2), smsc.numbersSubmitted());
        MessageRecord r = record(1);
        assertEquals(Status.UNKNOWN, r.state().status());
        assertEquals("dispatcher_interrupted", r.state().errorCode());
        assertFalse(r.inFlight());
        assertEquals(List.of(), credit.refunds());

        assertEquals(new Done(0), dispatch(whole(b)));
        assertEquals(List.of(N0, N2), smsc.numbersSubmitted());
        assertEquals(List.of(Status.QUEUED, Status.UNKNOWN), ledger.history(key(1)));
    }

    @Test
    void aMessageClaimedByAnotherDispatcherMeanwhileIsLeftToItAndTheChunkRetriesInOneSecond() {
        Batch b = accepted(1, N0, N1, N2);
        smsc.numberAnswers(N0, s -> {
            // While this dispatcher talks to the SMSC, a redelivered copy of the chunk claims message 1.
            assertTrue(ledger.claim(key(1), N1, 1, 1, clock.instant()));
            return new SubmitResult.Accepted("smsc-a");
        });

        Outcome outcome = dispatch(whole(b));

        assertEquals(new RetryAfter(Duration.ofSeconds(1), "message claimed elsewhere"), outcome);
        assertEquals(List.of(N0), smsc.numbersSubmitted());
        assertTrue(record(1).inFlight());
        assertEquals(1, record(1).attempts());
        assertTrue(ledger.record(key(2)).isEmpty());
    }

    // --- temporary failures, order and retries ---

    @Test
    void aTemporaryFailureStopsTheChunkAtThatMessageSoNoLaterOneOvertakesIt() {
        Batch b = accepted(1, N0, N1, N2, N3);
        smsc.numberAnswers(N1, new SubmitResult.RetryLater("smsc busy", null));

        Outcome outcome = dispatch(whole(b));

        assertEquals(new RetryAfter(Duration.ofSeconds(2), "smsc busy"), outcome);
        assertEquals(List.of(N0, N1), smsc.numbersSubmitted());
        MessageRecord r = record(1);
        assertEquals(Status.QUEUED, r.state().status());
        assertEquals(1, r.attempts());
        assertFalse(r.inFlight());
        assertTrue(ledger.record(key(2)).isEmpty());
        assertTrue(ledger.record(key(3)).isEmpty());
        assertEquals(List.of(), credit.refunds());
    }

    @Test
    void aRetriedMessageIsAcceptedExactlyOnceAndOrderHoldsAcrossTheRetry() {
        Batch b = accepted(1, N0, N1, N2, N3);
        DispatchChunk chunk = whole(b);
        smsc.numberAnswers(N1, new SubmitResult.RetryLater("smsc busy", null));

        assertInstanceOf(RetryAfter.class, dispatch(chunk));
        Outcome second = dispatch(chunk);

        assertEquals(new Done(3), second);
        assertEquals(List.of(N0, N1, N1, N2, N3), smsc.numbersSubmitted());
        assertEquals(List.of(N0, N1, N2, N3), smsc.numbersAccepted());
        assertEquals(2, record(1).attempts());
        assertEquals("smsc-3", record(1).state().smscMessageId());
        for (int i = 0; i < 4; i++) {
            assertEquals(Status.DISPATCHED, ledger.status(key(i)), "message " + i);
        }
        assertEquals(new Done(0), dispatch(chunk));
        assertEquals(5, smsc.calls.size());
    }

    @Test
    void theSmscNotBeforeWinsWhenLongerThanTheBackoff() {
        Batch b = accepted(1, N0, N1);
        smsc.numberAnswers(N0, new SubmitResult.RetryLater("throttled", Duration.ofSeconds(30)));

        assertEquals(new RetryAfter(Duration.ofSeconds(30), "throttled"), dispatch(whole(b)));
    }

    @Test
    void theBackoffWinsWhenTheSmscNotBeforeIsShorter() {
        Batch b = accepted(1, N0, N1);
        smsc.numberAnswers(N0, new SubmitResult.RetryLater("throttled", Duration.ofSeconds(1)));

        assertEquals(new RetryAfter(Duration.ofSeconds(2), "throttled"), dispatch(whole(b)));
    }

    @Test
    void anSmscThatThrowsIsTreatedAsATemporaryFailure() {
        Batch b = accepted(1, N0, N1);
        DispatchChunk chunk = whole(b);
        smsc.numberThrows(N0, new IllegalStateException("connection reset"));

        Outcome outcome = dispatch(chunk);

        assertEquals(new RetryAfter(Duration.ofSeconds(2), "IllegalStateException"), outcome);
        assertEquals(List.of(N0), smsc.numbersSubmitted());
        MessageRecord r = record(0);
        assertEquals(Status.QUEUED, r.state().status());
        assertEquals(1, r.attempts());
        assertFalse(r.inFlight());
        assertEquals(List.of(), credit.refunds());

        assertEquals(new Done(2), dispatch(chunk));
        assertEquals(List.of(N0, N0, N1), smsc.numbersSubmitted());
        assertEquals(Status.DISPATCHED, ledger.status(key(0)));
    }

    @Test
    void afterMaxAttemptsTemporaryFailuresTheMessageEndsFailedAndIsRefundedOnce() {
        Batch b = accepted(2, N0, N1);
        DispatchChunk chunk = whole(b);
        for (int i = 0; i < MessageDispatch.MAX_ATTEMPTS; i++) {
            smsc.numberAnswers(N0, new SubmitResult.RetryLater("smsc down", null));
        }

        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outcomes.add(dispatch(chunk));
        }
        assertEquals(List.of(
                new RetryAfter(Duration.ofSeconds(2), "smsc down"),
                new RetryAfter(Duration.ofSeconds(4), "smsc down"),
                new RetryAfter(Duration.ofSeconds(8), "smsc down"),
                new RetryAfter(Duration.ofSeconds(16), "smsc down")), outcomes);
        assertEquals(List.of(N0, N0, N0, N0), smsc.numbersSubmitted());
        assertEquals(List.of(), credit.refunds());

        Outcome fifth = dispatch(chunk);

        assertEquals(5, MessageDispatch.MAX_ATTEMPTS);
        assertEquals(new Done(1), fifth);
        MessageRecord r = record(0);
        assertEquals(Status.FAILED, r.state().status());
        assertEquals("smsc_unavailable", r.state().errorCode());
        assertEquals(5, r.attempts());
        assertEquals(Status.DISPATCHED, ledger.status(key(1)));
        assertEquals(List.of(new InMemoryCredit.Refund(ACCOUNT, 2)), credit.refunds());
        assertEquals(START_BALANCE + 2, credit.balance(ACCOUNT));

        assertEquals(new Done(0), dispatch(chunk));
        assertEquals(List.of(N0, N0, N0, N0, N0, N1), smsc.numbersSubmitted());
        assertEquals(2, refunded());
    }

    // --- permanent rejection ---

    @Test
    void aPermanentRejectionEndsRejectedAndRefundsOnceWithoutStoppingTheChunk() {
        Batch b = accepted(3, N0, N1, N2);
        DispatchChunk chunk = whole(b);
        smsc.numberAnswers(N1, new SubmitResult.Rejected("invalid_destination", "no such subscriber"));

        Outcome outcome = dispatch(chunk);

        assertEquals(new Done(2), outcome);
        assertEquals(List.of(N0, N1, N2), smsc.numbersSubmitted());
        MessageRecord r = record(1);
        assertEquals(Status.REJECTED, r.state().status());
        assertEquals("invalid_destination", r.state().errorCode());
        assertFalse(r.inFlight());
        assertEquals(List.of(new InMemoryCredit.Refund(ACCOUNT, 3)), credit.refunds());

        assertEquals(new Done(0), dispatch(chunk));
        assertEquals(List.of(new InMemoryCredit.Refund(ACCOUNT, 3)), credit.refunds());
        assertEquals(START_BALANCE + 3, credit.balance(ACCOUNT));
        assertEquals(3, smsc.calls.size());
    }

    // Invariant: a refund is paid exactly once whatever step of it the dispatcher stopped at:
    // balance = initial + parts of the refused message, once.
    @Test
    void aRefundCutOffAfterTheFinalMoveIsPaidOnceWhenTheChunkComesAgain() {
        Batch b = accepted(3, N0, N1);
        DispatchChunk chunk = whole(b);
        smsc.numberAnswers(N0, new SubmitResult.Rejected("invalid_destination", "no such subscriber"));
        credit.refundOnce.failOnCall(1, Fault.When.BEFORE_WRITE);

        assertThrows(Fault.Down.class, () -> dispatch(chunk));
        assertEquals(Status.REJECTED, record(0).state().status());
        assertEquals(3, record(0).refundDue());
        assertEquals(START_BALANCE, credit.balance(ACCOUNT));

        assertEquals(new Done(1), dispatch(chunk));
        assertEquals(new Done(0), dispatch(chunk));

        assertEquals(START_BALANCE + 3, credit.balance(ACCOUNT));
        assertEquals(0, record(0).refundDue());
        assertTrue(credit.refundNotes().isEmpty());
        assertEquals(List.of(N0, N1), smsc.numbersSubmitted());
    }

    @Test
    void aRefundCutOffAfterPayingIsNotPaidAgain() {
        Batch b = accepted(3, N0, N1);
        DispatchChunk chunk = whole(b);
        smsc.numberAnswers(N0, new SubmitResult.Rejected("invalid_destination", "no such subscriber"));
        ledger.failNextRefundPaid = new IllegalStateException("dispatcher stopped");

        assertThrows(IllegalStateException.class, () -> dispatch(chunk));
        assertEquals(START_BALANCE + 3, credit.balance(ACCOUNT));

        dispatch(chunk);

        assertEquals(List.of(new InMemoryCredit.Refund(ACCOUNT, 3)), credit.refunds());
        assertEquals(0, record(0).refundDue());
        assertTrue(credit.refundNotes().isEmpty());
    }

    // --- expiry ---

    @Test
    void anExpiredBatchEndsEveryMessageExpiredWithRefundsAndSubmitsNothing() {
        Batch b = accepted(2, N0, N1, N2);
        DispatchChunk chunk = whole(b);
        clock.set(b.expireAt());

        Outcome outcome = dispatch(chunk);

        assertEquals(new Done(0), outcome);
        assertEquals(List.of(), smsc.calls);
        for (int i = 0; i < 3; i++) {
            MessageRecord r = record(i);
            assertEquals(Status.EXPIRED, r.state().status(), "message " + i);
            assertEquals("expired", r.state().errorCode());
            assertEquals(0, r.attempts());
        }
        assertEquals(6, refunded());
        assertEquals(3, credit.refunds().size());
        assertEquals(START_BALANCE + 6, credit.balance(ACCOUNT));

        clock.advance(Duration.ofHours(1));
        assertEquals(new Done(0), dispatch(chunk));
        assertEquals(6, refunded());
    }

    @Test
    void aBatchIsStillSentOneMillisecondBeforeItExpires() {
        Batch b = accepted(1, N0);
        clock.set(b.expireAt().minusMillis(1));

        assertEquals(new Done(1), dispatch(whole(b)));
        assertEquals(Status.DISPATCHED, ledger.status(key(0)));
    }

    @Test
    void expiryLeavesAlreadyDispatchedMessagesAlone() {
        Batch b = accepted(1, N0, N1, N2);
        DispatchChunk chunk = whole(b);
        smsc.numberAnswers(N1, new SubmitResult.RetryLater("smsc busy", null));
        assertInstanceOf(RetryAfter.class, dispatch(chunk));
        clock.set(b.expireAt().plusSeconds(1));

        Outcome outcome = dispatch(chunk);

        assertEquals(new Done(0), outcome);
        assertEquals(List.of(N0, N1), smsc.numbersSubmitted());
        assertEquals(Status.DISPATCHED, ledger.status(key(0)));
        assertEquals(Status.EXPIRED, ledger.status(key(1)));
        assertEquals(Status.EXPIRED, ledger.status(key(2)));
        assertEquals(2, refunded());
    }

    @Test
    void aMessageExpiredByAnotherDispatcherMeanwhileIsRefundedOnlyOnce() {
        Batch b = accepted(2, N0, N1);
        smsc.numberAnswers(N0, s -> {
            // While this dispatcher talks to the SMSC, the batch expires and a redelivered copy of the
            // chunk expires message 1 and refunds it.
            clock.set(b.expireAt());
            assertTrue(ledger.finish(key(1), N1, 2, Status.EXPIRED, "expired", clock.instant()).isPresent());
            assertTrue(credit.refundOnce(ACCOUNT, key(1).messageId(), 2));
            ledger.refundPaid(key(1));
            credit.forgetRefund(ACCOUNT, key(1).messageId());
            return new SubmitResult.Accepted("smsc-a");
        });

        // The expiry lies 72 h on: far past this dispatcher's time budget, which therefore stops it.
        Outcome outcome = dispatch.dispatch(whole(b), T0.plus(Duration.ofMinutes(5)));
        assertEquals(new RetryAfter(Duration.ZERO, "time budget used"), outcome);

        // The chunk delivered again finds message 1 final and leaves it, and its refund, alone.
        assertEquals(new Done(0), dispatch(whole(b)));
        assertEquals(List.of(N0), smsc.numbersSubmitted());
        assertEquals(Status.EXPIRED, ledger.status(key(1)));
        assertEquals(List.of(new InMemoryCredit.Refund(ACCOUNT, 2)), credit.refunds());
    }

    /**
     * A message whose expire_at passes while the dispatcher sleeps for the rate is expired, not
     * submitted: the API says messages not dispatched by expire_at end {@code expired}.
     */
    @Test
    void aMessageWhoseExpiryPassesWhileWaitingForTheRateIsExpiredNotSent() {
        withRate(1);
        Batch b = batch(Batch.State.ACCEPTED, TOKEN, 1, T0.plusMillis(500), N0, N1);
        batches.put(b);

        Outcome outcome = dispatch(whole(b));

        assertEquals(List.of(N0), smsc.numbersSubmitted(), "SMSC calls at "
                + smsc.calls.stream().map(RecordingSmsc.Call::at).toList() + ", expire_at " + b.expireAt());
        assertEquals(Status.EXPIRED, ledger.status(key(1)));
        assertEquals(1, refunded());
        assertEquals(new Done(1), outcome);
    }

    // --- rate ---

    @Test
    void theRateSpreadsSmscCallsSoThatNoSecondHoldsMoreThanTheRate() {
        withRate(3);
        Batch b = accepted(1, N0, N1, N2, N3, N4, N5, N6);

        Outcome outcome = dispatch(whole(b));

        assertEquals(new Done(7), outcome);
        assertEquals(List.of(N0, N1, N2, N3, N4, N5, N6), smsc.numbersSubmitted());
        assertEquals(Map.of(0L, 3, 1L, 3, 2L, 1), partsPerSecond());
    }

    @Test
    void startsAreSpreadEvenlyOverTheSecondNotBunchedAtItsStart() {
        withRate(4);
        Batch b = accepted(1, N0, N1, N2, N3, N4, N5);

        dispatch(whole(b));

        assertEquals(List.of(T0, T0.plusMillis(250), T0.plusMillis(500), T0.plusMillis(750), T0.plusSeconds(1),
                T0.plusMillis(1250)), smsc.calls.stream().map(RecordingSmsc.Call::at).toList());
        assertEquals(Duration.ofMillis(1250), sleeps.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void multipartMessagesCountEveryPartAgainstTheRate() {
        withRate(5);
        Batch b = accepted(2, N0, N1, N2, N3, N4);

        Outcome outcome = dispatch(whole(b));

        assertEquals(new Done(5), outcome);
        // Two 2-part messages fit in a second of 5 parts; a third would make 6, and waits for the next second.
        assertEquals(Map.of(0L, 4, 1L, 4, 2L, 2), partsPerSecond());
        assertEquals(List.of(N0, N1, N2, N3, N4), smsc.numbersSubmitted());
    }

    @Test
    void startsKeepTheirSpacingAcrossASecondBoundaryAndLostTimeIsNotMadeUp() {
        withRate(2);
        clock.set(T0.plusMillis(750));
        Batch b = accepted(1, N0, N1, N2);

        assertEquals(new Done(3), dispatch(whole(b)));

        // Half a second apart, whichever second each falls in; nothing bunched after the chunk began late.
        assertEquals(List.of(T0.plusMillis(750), T0.plusMillis(1250), T0.plusMillis(1750)),
                smsc.calls.stream().map(RecordingSmsc.Call::at).toList());
    }

    @Test
    void aRateLimitedChunkWhoseDeadlineIsTooCloseRetriesWithoutSubmittingOrClaiming() {
        withRate(2);
        clock.set(T0.plusMillis(400));
        // Another dispatcher of this account booked the next second of its pace.
        assertInstanceOf(RateLimiter.Booked.class, limiter.book(ACCOUNT, Duration.ofSeconds(1), clock.instant(),
                clock.instant()));
        Batch b = accepted(1, N0, N1);

        Outcome outcome = dispatch.dispatch(whole(b), T0.plusMillis(999));

        assertEquals(new RetryAfter(Duration.ofSeconds(1), "rate limit"), outcome);
        assertEquals(List.of(), smsc.calls);
        assertEquals(List.of(), sleeps);
        assertEquals(0, ledger.size());
        assertEquals(T0.plusMillis(400), clock.instant());
    }

    @Test
    void aRateLimitedChunkWaitsWhenTheDeadlineLeavesRoomForTheWait() {
        withRate(2);
        clock.set(T0.plusMillis(400));
        assertInstanceOf(RateLimiter.Booked.class, limiter.book(ACCOUNT, Duration.ofSeconds(1), clock.instant(),
                clock.instant()));
        Batch b = accepted(1, N0, N1);

        Outcome outcome = dispatch.dispatch(whole(b), T0.plusSeconds(3));

        assertEquals(new Done(2), outcome);
        assertEquals(List.of(Duration.ofMillis(1000), Duration.ofMillis(500)), sleeps);
        assertEquals(List.of(T0.plusMillis(1400), T0.plusMillis(1900)),
                smsc.calls.stream().map(RecordingSmsc.Call::at).toList());
    }

    @Test
    void theLimiterIsBookedAHalfSecondOfTheRateAtATimeNotPerMessage() {
        withRate(100);
        String[] to = java.util.stream.IntStream.range(0, 100).mapToObj(i -> String.format("23480200%05d", i))
                .toArray(String[]::new);
        Batch b = batch(Batch.State.ACCEPTED, TOKEN, 1, T0.plus(Duration.ofHours(72)), to);
        batches.put(b);

        assertEquals(new Done(100), dispatch(whole(b)));

        assertEquals(2, limiter.bookings, "100 parts at 100 a second: two runs of 50");
        assertEquals(Map.of(0L, 100), partsPerSecond());
    }

    /**
     * With a slow SMSC, no call starts past the chunk's deadline: a Lambda killed there would leave
     * the message being submitted in flight, to end {@code unknown}.
     */
    @Test
    void noSmscCallStartsAfterTheDeadline() {
        smsc.latency(Duration.ofSeconds(1));
        Batch b = accepted(1, N0, N1, N2, N3, N4);
        Instant deadline = T0.plusMillis(2500);

        Outcome outcome = dispatch.dispatch(whole(b), deadline);

        List<Instant> late = smsc.calls.stream().map(RecordingSmsc.Call::at).filter(at -> at.isAfter(deadline)).toList();
        assertEquals(List.of(), late, "SMSC calls started after the deadline " + deadline);
        assertInstanceOf(RetryAfter.class, outcome);
        assertTrue(ledger.record(key(4)).isEmpty());
    }

    // --- the acceptance's reservation ---

    /** The note the acceptance left is forgotten by the dispatcher holding the first chunk; the credit stays spent. */
    @Test
    void theFirstChunkOfAnAcceptedBatchSettlesItsReservation() {
        Batch b = accepted(1, N0, N1, N2);
        assertTrue(credit.reserve(ACCOUNT, TOKEN, b.cost()));
        List<DispatchChunk> chunks = DispatchChunk.of(b, 2);

        dispatch(chunks.get(1));
        assertEquals(Map.of(TOKEN, 3L), credit.reservations(ACCOUNT), "a later chunk writes nothing to the account");

        dispatch(chunks.get(0));
        assertEquals(Map.of(), credit.reservations(ACCOUNT));
        assertEquals(List.of(TOKEN), credit.settledTokens());
        assertEquals(START_BALANCE - 3, credit.balance(ACCOUNT), "settling gives nothing back");
    }

    /** Settling is bookkeeping: a failed settle neither stops the chunk nor loses the note for the next delivery. */
    @Test
    void aChunkIsSentWhenSettlingItsReservationFails() {
        Batch b = accepted(1, N0);
        assertTrue(credit.reserve(ACCOUNT, TOKEN, b.cost()));
        credit.settle.failOnCall(1, Fault.When.BEFORE_WRITE);

        assertEquals(new Done(1), dispatch(whole(b)));
        assertEquals(Map.of(TOKEN, 1L), credit.reservations(ACCOUNT));

        assertEquals(new Done(0), dispatch(whole(b)));
        assertEquals(Map.of(), credit.reservations(ACCOUNT), "the redelivery settles it");
    }

    /** A chunk of a batch still PENDING never settles: the reservation is what makes an undo exact. */
    @Test
    void aChunkOfAPendingBatchLeavesItsReservation() {
        Batch b = batch(Batch.State.PENDING, TOKEN, 1, T0.plus(Duration.ofHours(72)), N0);
        batches.put(b);
        assertTrue(credit.reserve(ACCOUNT, TOKEN, b.cost()));

        assertInstanceOf(RetryAfter.class, dispatch(whole(b)));
        assertEquals(Map.of(TOKEN, 1L), credit.reservations(ACCOUNT));
    }

    // --- chunks that do not belong to an accepted batch ---

    @Test
    void aChunkWhoseTokenDoesNotMatchTheBatchIsDiscarded() {
        Batch b = accepted(1, N0, N1);
        DispatchChunk stale = new DispatchChunk(ACCOUNT, REF, "tok-of-an-undone-acceptance", 0, List.of(N0, N1));

        Outcome outcome = dispatch(stale);

        assertInstanceOf(Discarded.class, outcome);
        assertEquals(List.of(), smsc.calls);
        assertEquals(0, ledger.size());
        assertEquals(List.of(), credit.refunds());
        assertEquals(TOKEN, b.token());
    }

    @Test
    void aChunkWhoseBatchIsGoneIsDiscarded() {
        Batch b = accepted(1, N0, N1);
        DispatchChunk chunk = whole(b);
        batches.evict(ACCOUNT, REF);

        Outcome outcome = dispatch(chunk);

        assertInstanceOf(Discarded.class, outcome);
        assertEquals(List.of(), smsc.calls);
        assertEquals(0, ledger.size());
    }

    @Test
    void aChunkOfAnAccountThatIsGoneIsDiscarded() {
        Batch b = accepted(1, N0);
        accounts.remove(ACCOUNT);

        assertInstanceOf(Discarded.class, dispatch(whole(b)));
        assertEquals(List.of(), smsc.calls);
    }

    @Test
    void aChunkOfABatchStillPendingIsRetriedLater() {
        Batch b = batch(Batch.State.PENDING, TOKEN, 1, T0.plus(Duration.ofHours(72)), N0, N1);
        batches.put(b);

        Outcome outcome = dispatch(whole(b));

        assertEquals(new RetryAfter(Duration.ofSeconds(5), "batch not yet accepted"), outcome);
        assertEquals(List.of(), smsc.calls);
        assertEquals(0, ledger.size());

        batches.put(b.accepted());
        assertEquals(new Done(2), dispatch(whole(b)));
    }

    // --- back-off ---

    @Test
    void backoffDoublesFromTwoSecondsPerAttempt() {
        assertEquals(Duration.ofSeconds(2), MessageDispatch.BACK_OFF.after(1));
        assertEquals(Duration.ofSeconds(4), MessageDispatch.BACK_OFF.after(2));
        assertEquals(Duration.ofSeconds(8), MessageDispatch.BACK_OFF.after(3));
        assertEquals(Duration.ofSeconds(16), MessageDispatch.BACK_OFF.after(4));
        assertEquals(Duration.ofSeconds(32), MessageDispatch.BACK_OFF.after(5));
    }

    @Test
    void backoffIsCappedAtSixtySeconds() {
        assertEquals(Duration.ofSeconds(60), MessageDispatch.BACK_OFF.after(6));
        assertEquals(Duration.ofSeconds(60), MessageDispatch.BACK_OFF.after(7));
        assertEquals(Duration.ofSeconds(60), MessageDispatch.BACK_OFF.after(11));
        assertEquals(Duration.ofSeconds(60), MessageDispatch.BACK_OFF.after(12));
        assertEquals(Duration.ofSeconds(60), MessageDispatch.BACK_OFF.after(64));
        assertEquals(Duration.ofSeconds(60), MessageDispatch.BACK_OFF.after(Integer.MAX_VALUE));
    }

    @Test
    void backoffNeverShrinksAsAttemptsGrow() {
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 200; attempt++) {
            Duration d = MessageDispatch.BACK_OFF.after(attempt);
            assertTrue(d.compareTo(previous) >= 0, "attempt " + attempt + ": " + d + " < " + previous);
            assertTrue(d.compareTo(Duration.ofSeconds(60)) <= 0, "attempt " + attempt + ": " + d);
            previous = d;
        }
    }
}
