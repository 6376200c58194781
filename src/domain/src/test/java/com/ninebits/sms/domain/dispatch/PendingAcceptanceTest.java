package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.account.InMemoryCredit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.batch.InMemoryBatchStore;
import com.ninebits.sms.domain.callback.RecordingCallbackQueue;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Discarded;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Done;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Outcome;
import com.ninebits.sms.domain.dispatch.MessageDispatch.RetryAfter;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chunk read before its acceptance wrote ACCEPTED (the dispatcher polls the queue, which took
 * the batch a write earlier). Invariant: a batch whose hand-over is complete is sent at once, never
 * bounced; one whose acceptance is being undone is never sent.
 */
class PendingAcceptanceTest {

    private static final String ACCOUNT = "acc_1";
    private static final String REF = "ref-1";
    private static final String TOKEN = "tok-1";
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final String N0 = "2348020000000";
    private static final String N1 = "2348020000001";

    private final TestClock clock = new TestClock(T0);
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryCredit credit = new InMemoryCredit();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final RecordingSmsc smsc = new RecordingSmsc(clock);
    /** The waits for the acceptance (polls of the batch); the pace's spacing between messages is not counted. */
    private final List<Duration> sleeps = new ArrayList<>();
    /** What happens elsewhere while the dispatcher waits: by default, nothing. */
    private Runnable meanwhile = () -> {
    };
    private final MessageDispatch dispatch = new MessageDispatch(batches, accounts, credit, ledger, new InMemoryRateLimiter(), smsc,
            new RecordingCallbackQueue(), clock, d -> {
                clock.advance(d);
                if (d.compareTo(SPACING) > 0) {
                    sleeps.add(d);
                    meanwhile.run();
                }
            });
    /** The pace's spacing between two messages at the account's 100 parts a second. */
    private static final Duration SPACING = Duration.ofMillis(10);

    PendingAcceptanceTest() {
        accounts.create(new Account(ACCOUNT, "Acme", "NG", 100, Account.DEFAULT_DISPATCH_WINDOW, 10, 1000, T0));
        credit.open(ACCOUNT, 1000);
    }

    private Batch stored(Batch.State state) {
        Batch b = new Batch(ACCOUNT, REF, TOKEN, "fingerprint", state, "myCode", "Hello", Encoding.GSM7, 1, false, T0,
                null, T0.plus(Duration.ofHours(72)), null, List.of(N0, N1), List.of(), 2);
        batches.put(b);
        return b;
    }

    private static DispatchChunk lastOfItsBatch(Batch b) {
        return DispatchChunk.of(b, 100).get(0).completingTheBatch();
    }

    private static DispatchChunk earlierOfItsBatch(Batch b) {
        return DispatchChunk.of(b, 100).get(0);
    }

    private Outcome dispatch(DispatchChunk chunk) {
        return dispatch.dispatch(chunk, clock.instant().plus(Duration.ofMinutes(5)));
    }

    private Batch.State state() {
        return batches.find(ACCOUNT, REF).orElseThrow().state();
    }

    @Test
    void aChunkCompletingItsBatchFinishesTheAcceptanceAndIsSentAtOnce() {
        Batch b = stored(Batch.State.PENDING);

        assertEquals(new Done(2), dispatch(lastOfItsBatch(b)));

        assertEquals(Batch.State.ACCEPTED, state());
        assertEquals(2, smsc.calls.size());
        assertEquals(List.of(), sleeps, "it waited for nothing");
    }

    @Test
    void aChunkCompletingABatchBeingWithdrawnIsDiscardedUnsent() {
        Batch b = stored(Batch.State.WITHDRAWN);

        assertInstanceOf(Discarded.class, dispatch(lastOfItsBatch(b)));

        assertEquals(Batch.State.WITHDRAWN, state(), "a dispatcher never accepts what an undo withdrew");
        assertEquals(List.of(), smsc.calls);
        assertEquals(0, ledger.size());
    }

    @Test
    void anEarlierChunkWaitsForTheAcceptanceToWriteAcceptedThenGoes() {
        Batch b = stored(Batch.State.PENDING);
        meanwhile = () -> {
            if (sleeps.size() == 2) {
                batches.put(b.accepted());
            }
        };

        assertEquals(new Done(2), dispatch(earlierOfItsBatch(b)));

        assertEquals(2, sleeps.size());
        assertEquals(2, smsc.calls.size());
    }

    @Test
    void anEarlierChunkOfAnAcceptanceThatNeverEndsIsHandedBackWithinTheWait() {
        Batch b = stored(Batch.State.PENDING);

        assertEquals(new RetryAfter(Duration.ofSeconds(5), "batch not yet accepted"), dispatch(earlierOfItsBatch(b)));

        Duration waited = sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(waited.compareTo(PendingAcceptance.WAIT) <= 0, "waited " + waited);
        assertEquals(Batch.State.PENDING, state(), "only a chunk completing the batch may accept it");
        assertEquals(List.of(), smsc.calls);
    }

    @Test
    void anEarlierChunkWhoseAcceptanceIsUndoneWhileItWaitsIsDiscarded() {
        Batch b = stored(Batch.State.PENDING);
        meanwhile = () -> batches.put(b.withState(Batch.State.WITHDRAWN));

        assertInstanceOf(Discarded.class, dispatch(earlierOfItsBatch(b)));

        assertEquals(List.of(), smsc.calls);
    }

    @Test
    void anEarlierChunkNeverWaitsPastTheTimeBudget() {
        Batch b = stored(Batch.State.PENDING);

        Outcome outcome = dispatch.dispatch(earlierOfItsBatch(b), clock.instant().plus(Duration.ofMillis(50)));

        assertEquals(new RetryAfter(Duration.ofSeconds(5), "batch not yet accepted"), outcome);
        assertTrue(clock.instant().isBefore(T0.plus(Duration.ofMillis(50))), "waited past the budget: " + clock.instant());
    }
}
