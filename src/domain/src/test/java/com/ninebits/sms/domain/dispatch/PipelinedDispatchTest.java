package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.InMemoryBatchStore;
import com.ninebits.sms.domain.account.InMemoryCredit;
import com.ninebits.sms.domain.account.InMemoryAccounts;
import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.callback.RecordingCallbackQueue;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Done;
import com.ninebits.sms.domain.dispatch.MessageDispatch.Outcome;
import com.ninebits.sms.domain.dispatch.MessageDispatch.RetryAfter;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A window of submissions awaiting the SMSC at once, on real threads: how many are under way,
 * in which order they start, what a temporary failure does to those in flight and those not yet
 * started, and that no window ever sends a message twice.
 */
class PipelinedDispatchTest {

    private static final String ACCOUNT = "acc_1";
    private static final String REF = "ref-1";
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    private final AtomicLong sequence = new AtomicLong();
    private final TestClock clock = new TestClock(T0);
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final InMemoryAccounts accounts = new InMemoryAccounts();
    private final InMemoryCredit credit = new InMemoryCredit();
    private final SequencedLedger ledger = new SequencedLedger(sequence);
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
    private final HeldSmsc smsc = new HeldSmsc(sequence);
    private final RecordingCallbackQueue callbacks = new RecordingCallbackQueue();
    private final List<ExecutorService> pools = new ArrayList<>();

    @AfterEach
    void stopPools() {
        smsc.releaseAll();
        pools.forEach(ExecutorService::shutdownNow);
    }

    /** A dispatcher instance with its own pool of submitters, over the same stores, limiter and SMSC. */
    private MessageDispatch dispatcher() {
        ExecutorService pool = Executors.newCachedThreadPool();
        pools.add(pool);
        return new MessageDispatch(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock, clock::advance, pool);
    }

    private static String number(int i) {
        return String.format("23480210%05d", i);
    }

    private DispatchChunk acceptedChunk(int rate, int window, int size) {
        return acceptedChunk(rate, window, size, T0.plus(Duration.ofHours(72)));
    }

    private DispatchChunk acceptedChunk(int rate, int window, int size, Instant expireAt) {
        accounts.create(new Account(ACCOUNT, "Acme", "NG", rate, window, 10, 10_000, T0));
        credit.open(ACCOUNT, 10_000);
        List<String> to = IntStream.range(0, size).mapToObj(PipelinedDispatchTest::number).toList();
        Batch batch = new Batch(ACCOUNT, REF, "tok", "fingerprint", Batch.State.ACCEPTED, "myCode", "Hello", Encoding.GSM7, 1,
                false, T0, null, expireAt, null, to, List.of(), size);
        batches.put(batch);
        return DispatchChunk.of(batch, size).get(0);
    }

    private static CompletableFuture<Outcome> inBackground(MessageDispatch dispatch, DispatchChunk chunk) {
        return CompletableFuture.supplyAsync(() -> dispatch.dispatch(chunk, T0.plus(Duration.ofHours(1))));
    }

    private boolean stillQueued(int index) {
        return ledger.ledger.record(new MessageKey(ACCOUNT, REF, index)).map(r -> r.state().status() == Status.QUEUED)
                .orElse(true);
    }

    private MessageRecord record(int index) {
        return ledger.ledger.record(new MessageKey(ACCOUNT, REF, index)).orElseThrow();
    }

    @Test
    void upToTheWindowAwaitTheSmscAtOnceAndNoMore() throws Exception {
        DispatchChunk chunk = acceptedChunk(10_000, 32, 80);

        CompletableFuture<Outcome> outcome = inBackground(dispatcher(), chunk);

        assertTrue(smsc.awaitUntil(() -> smsc.inFlight() == 32), "32 under way: " + smsc.inFlight());
        Thread.sleep(200);
        assertEquals(32, smsc.calls().size(), "none beyond the window while all 32 wait for their answers");
        smsc.releaseAll();
        assertEquals(new Done(80), outcome.get(10, TimeUnit.SECONDS));
        assertEquals(32, smsc.mostInFlight());
        assertEquals(IntStream.range(0, 80).mapToObj(PipelinedDispatchTest::number).sorted().toList(),
                smsc.numbersSubmitted().stream().sorted().toList(), "each once");
        for (int i = 0; i < 80; i++) {
            assertEquals(Status.DISPATCHED, record(i).state().status());
        }
    }

    @Test
    void noMessageReachesTheSmscBeforeEveryMessageAheadOfItWasClaimedAndStarted() throws Exception {
        // The store is slow to claim message 0 and quick for the rest, whose claims therefore finish first.
        ledger.slowClaim(0, Duration.ofMillis(300)).slowClaim(5, Duration.ofMillis(150));
        DispatchChunk chunk = acceptedChunk(10_000, 32, 20);
        smsc.releaseAll();

        assertEquals(new Done(20), dispatcher().dispatch(chunk, T0.plus(Duration.ofHours(1))));

        Map<String, Long> arrived = smsc.calls().stream().collect(Collectors.toMap(HeldSmsc.Call::to, HeldSmsc.Call::arrived));
        for (int k = 0; k < 20; k++) {
            for (int j = 0; j < k; j++) {
                assertTrue(arrived.get(number(k)) > ledger.claimed.get(j),
                        "message " + k + " reached the SMSC before message " + j + " was claimed");
            }
        }
    }

    /**
     * On the real clock: starts keep {@code to} order though claims finish out of order and answers
     * overlap, each at least its spacing (here 50 ms) after the one before, whichever was late.
     */
    @Test
    void startsFollowToOrderWhileClaimsFinishOutOfOrderAndAnswersOverlap() throws Exception {
        DispatchChunk chunk = acceptedChunk(20, 32, 14, Instant.now().plus(Duration.ofHours(1)));
        ledger.slowClaim(0, Duration.ofMillis(120)).slowClaim(7, Duration.ofMillis(80));
        smsc.answerAfter(150).releaseAll();
        ExecutorService pool = Executors.newCachedThreadPool();
        pools.add(pool);
        MessageDispatch realTime = new MessageDispatch(batches, accounts, credit, ledger, limiter, smsc, callbacks,
                java.time.Clock.systemUTC(), d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()), pool);

        assertEquals(new Done(14), realTime.dispatch(chunk, Instant.now().plusSeconds(30)));

        assertEquals(IntStream.range(0, 14).mapToObj(PipelinedDispatchTest::number).toList(), smsc.numbersSubmitted());
        assertTrue(smsc.mostInFlight() > 1, "answers overlapped: at most " + smsc.mostInFlight() + " at once");
    }

    @Test
    void windowOneIsStrictlyOneAtATime() throws Exception {
        DispatchChunk chunk = acceptedChunk(10_000, 1, 12);
        smsc.releaseAll();

        assertEquals(new Done(12), dispatcher().dispatch(chunk, T0.plus(Duration.ofHours(1))));

        assertEquals(1, smsc.mostInFlight());
        List<HeldSmsc.Call> calls = smsc.calls();
        assertEquals(IntStream.range(0, 12).mapToObj(PipelinedDispatchTest::number).toList(), smsc.numbersSubmitted());
        for (int k = 1; k < 12; k++) {
            assertTrue(ledger.claimed.get(k) > calls.get(k - 1).answered(),
                    "message " + k + " was claimed before message " + (k - 1) + " was answered");
        }
    }

    @Test
    void aTemporaryFailureWithMessagesInFlightLetsThemFinishAndStartsNoneAfter() throws Exception {
        DispatchChunk chunk = acceptedChunk(10_000, 5, 12);
        smsc.answer(number(2), new SubmitResult.RetryLater("smsc busy", null));

        CompletableFuture<Outcome> outcome = inBackground(dispatcher(), chunk);
        assertTrue(smsc.awaitUntil(() -> smsc.inFlight() == 5), "0 to 4 under way");
        smsc.release(number(2));
        assertTrue(smsc.awaitUntil(() -> smsc.inFlight() == 4), "2 answered");
        Thread.sleep(200);
        assertEquals(5, smsc.calls().size(), "nothing starts after the failure, though the window has room");
        smsc.releaseAll();

        assertEquals(new RetryAfter(Duration.ofSeconds(2), "smsc busy"), outcome.get(10, TimeUnit.SECONDS));
        for (int i : List.of(0, 1, 3, 4)) {
            assertEquals(Status.DISPATCHED, record(i).state().status(), "in flight when 2 failed: finished, " + i);
        }
        assertEquals(Status.QUEUED, record(2).state().status());
        assertFalse(record(2).inFlight());
        for (int i = 5; i < 12; i++) {
            int index = i;
            assertTrue(ledger.ledger.record(new MessageKey(ACCOUNT, REF, i)).map(r -> r.attempts() == 0 && !r.inFlight())
                    .orElse(true), "not yet started, so not claimed: " + index);
        }

        // Handed back, the chunk sends the retried message first, then the ones not yet started, in order.
        smsc.answer(number(2), new SubmitResult.Accepted("smsc-again"));
        MessageDispatch oneByOne = new MessageDispatch(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock, clock::advance);
        assertEquals(new Done(8), oneByOne.dispatch(chunk, T0.plus(Duration.ofHours(1))));
        List<String> again = smsc.numbersSubmitted().subList(5, smsc.calls().size());
        assertEquals(List.of(number(2), number(5), number(6), number(7), number(8), number(9), number(10), number(11)), again);
    }

    /**
     * At a low rate the next message waits out its spacing longer than the SMSC takes to answer the one
     * before it: if that answer is a temporary failure, the waiting message must not start after it.
     */
    @Test
    void aMessageWaitingForItsSpacingDoesNotStartOnceTheOneBeforeItFailed() throws Exception {
        DispatchChunk chunk = acceptedChunk(4, 5, 3);
        smsc.answer(number(0), new SubmitResult.RetryLater("smsc busy", null)).releaseAll();
        ExecutorService pool = Executors.newCachedThreadPool();
        pools.add(pool);
        // Every wait lasts until the first message's failure is recorded (as a second of real time would).
        MessageKey first = new MessageKey(ACCOUNT, REF, 0);
        MessageDispatch slowPace = new MessageDispatch(batches, accounts, credit, ledger, limiter, smsc, callbacks, clock,
                d -> {
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!ledger.ledger.record(first).map(r -> r.attempts() == 1 && !r.inFlight()).orElse(false)
                            && System.nanoTime() < giveUp) {
                        Thread.sleep(2);
                    }
                    clock.advance(d);
                }, pool);

        Outcome outcome = slowPace.dispatch(chunk, T0.plus(Duration.ofHours(1)));

        assertEquals(new RetryAfter(Duration.ofSeconds(2), "smsc busy"), outcome);
        assertEquals(List.of(number(0)), smsc.numbersSubmitted(), "nothing started after the failure");
        assertTrue(stillQueued(1) && ledger.ledger.record(new MessageKey(ACCOUNT, REF, 1))
                .map(r -> !r.inFlight()).orElse(true), "the waiting message was not left claimed");
    }

    @Test
    void theSameChunkDeliveredTwiceAtOnceWithWindowsIsSubmittedOncePerMessage() throws Exception {
        DispatchChunk chunk = acceptedChunk(10_000, 32, 60);
        smsc.releaseAll();
        MessageDispatch one = dispatcher();
        MessageDispatch other = dispatcher();

        List<CompletableFuture<Outcome>> both = List.of(inBackground(one, chunk), inBackground(other, chunk));
        for (CompletableFuture<Outcome> f : both) {
            f.get(10, TimeUnit.SECONDS);
        }
        // Whichever was stopped by a claim held elsewhere comes again, as SQS would bring it.
        for (int again = 0; again < 20 && IntStream.range(0, 60).anyMatch(this::stillQueued); again++) {
            one.dispatch(chunk, T0.plus(Duration.ofHours(1)));
        }
        assertEquals(new Done(0), other.dispatch(chunk, T0.plus(Duration.ofHours(1))), "a redelivery sends nothing");

        Map<String, Long> times = smsc.numbersSubmitted().stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertTrue(times.values().stream().allMatch(n -> n == 1), "submitted more than once: " + times);
        for (int i = 0; i < 60; i++) {
            Status status = record(i).state().status();
            // One delivery may find a message the other claimed and had not yet answered: unknown, never sent again.
            assertTrue(status == Status.DISPATCHED || status == Status.UNKNOWN, i + ": " + status);
            if (status == Status.DISPATCHED) {
                assertEquals(1L, times.get(number(i)), "dispatched, so submitted once: " + i);
            }
        }
        assertEquals(List.of(), credit.refunds());
    }
}
