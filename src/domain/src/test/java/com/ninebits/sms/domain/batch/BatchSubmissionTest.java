package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.Fault;
import com.ninebits.sms.domain.Fault.When;
import com.ninebits.sms.domain.batch.AcceptanceRig.Req;
import com.ninebits.sms.domain.batch.BatchSubmission.Accepted;
import com.ninebits.sms.domain.error.DomainException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.ninebits.sms.domain.batch.AcceptanceRig.ACCOUNT;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N0;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N1;
import static com.ninebits.sms.domain.batch.AcceptanceRig.N2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance protocol: claim the reference, reserve the credit, hand over, mark ACCEPTED,
 * settle; undo on failure; recover a claim abandoned past its lease. Each test names the
 * invariant it holds.
 * The class timeout guards the waiting loops: a fake clock that never moves would spin forever.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BatchSubmissionTest {

    private static final long INITIAL = 100;
    /** 208 GSM characters: two parts, so that a batch to three recipients costs six. */
    private static final String TWO_PARTS = "Long message ".repeat(16);
    private static final long COST = 6;
    private static final String REF = "ref-1";

    private final AcceptanceRig rig = new AcceptanceRig(INITIAL);
    private final Req request = AcceptanceRig.request().reference(REF).body(TWO_PARTS);
    private final List<ExecutorService> pools = new ArrayList<>();

    @AfterEach
    void stopThreads() {
        pools.forEach(ExecutorService::shutdownNow);
    }

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        pools.add(pool);
        return pool;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the other request never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private DomainException.Unavailable unavailable() {
        DomainException.Unavailable e = assertThrows(DomainException.Unavailable.class, () -> rig.submit(request));
        assertEquals("temporarily_unavailable", e.code());
        assertTrue(e.retryAfterSeconds() > 0);
        return e;
    }

    /** Invariant after a 503: as if the request never came. Nothing stored, nothing sendable, nothing charged. */
    private void assertUntouched() {
        rig.assertNothingStored(REF);
        assertEquals(INITIAL, rig.balance());
        assertEquals(Map.of(), rig.credit.reservations(ACCOUNT));
    }

    /** Invariant: the retry of a refused request is accepted once, and the world is whole. */
    private Accepted retryIsAcceptedOnce() {
        rig.clock.advance(Duration.ofMinutes(1));
        Accepted retry = rig.submit(request);
        assertFalse(retry.replayed());
        assertEquals(1, rig.sendable(REF).size());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
        return retry;
    }

    // The happy path

    /** Invariant: balance = initial − parts × recipients; the batch is ACCEPTED and queued once under its token. */
    @Test
    void acceptsABatchAndChargesEveryPartOfEveryRecipientOnce() {
        Accepted accepted = rig.submit(request);

        Batch batch = accepted.batch();
        assertFalse(accepted.replayed());
        assertEquals(Batch.State.ACCEPTED, batch.state());
        assertEquals(List.of(N0, N1, N2), batch.recipients());
        assertEquals(2, batch.parts());
        assertEquals(COST, batch.cost());
        assertEquals(Optional.of(batch), rig.batches.peek(ACCOUNT, REF));
        List<Batch> queued = rig.queue.enqueued();
        assertEquals(1, queued.size());
        assertEquals(batch.token(), queued.get(0).token());
        assertEquals(List.of(N0, N1, N2), queued.get(0).recipients());
        assertEquals(INITIAL - COST, rig.balance());
        assertEquals(Map.of(batch.token(), COST), rig.credit.reservations(ACCOUNT),
                "the reservation is left for the dispatcher to settle, not refunded");
        assertEquals(List.of(), rig.credit.settledTokens(), "the answer never waits for the settle");
        assertEquals(List.of(), rig.credit.refundedTokens());
        rig.assertWhole();
    }

    // Credit

    /** Invariant: a 402 leaves balance, store and queue as they were, and the reference free. */
    @Test
    void refusesABatchTheBalanceCannotCoverAndLeavesTheReferenceFree() {
        AcceptanceRig poor = new AcceptanceRig(COST - 1);

        DomainException.InsufficientCredit e = assertThrows(DomainException.InsufficientCredit.class,
                () -> poor.submit(request));

        assertEquals("insufficient_credit", e.code());
        assertEquals(COST, e.required());
        assertEquals(COST - 1, e.balance());
        poor.assertNothingStored(REF);
        assertEquals(List.of(), poor.queue.enqueued());
        assertEquals(COST - 1, poor.balance());
        assertEquals(Map.of(), poor.credit.reservations(ACCOUNT));

        poor.topUp(1);
        assertFalse(poor.submit(request).replayed());
        assertEquals(0, poor.balance());
        poor.assertWhole();
    }

    // Failures, each undone

    /** Invariant: a claim that failed leaves no charge, whether or not credit was reserved beside it. */
    @Test
    void chargesNothingWhenTheClaimFails() {
        rig.batches.claim.failOnCall(1, When.BEFORE_WRITE);

        unavailable();

        assertUntouched();
        assertEquals(List.of(), rig.queue.enqueued());
        retryIsAcceptedOnce();
    }

    /**
     * Invariant: a 503 leaves nothing half-stored, even when the claim was written and only its
     * answer was lost; the client's retry with the same reference is accepted at once.
     */
    @Test
    void releasesAClaimWhoseAnswerWasLost() {
        rig.batches.claim.failOnCall(1, When.AFTER_WRITE);

        unavailable();

        assertEquals(INITIAL, rig.balance());
        assertEquals(Optional.empty(), rig.batches.peek(ACCOUNT, REF),
                "the PENDING claim of an attempt that answered 503 is still stored");
        rig.clock.advance(Duration.ofSeconds(1));
        // The retry sees time pass while it waits, so that it gives up instead of spinning.
        rig.batches.find.onCall(n -> rig.clock.advance(Duration.ofSeconds(1)));
        assertFalse(rig.submit(request).replayed());
        rig.assertWhole();
    }

    /** Invariant: a reservation that failed frees the claim made beside it; nothing charged. */
    @Test
    void freesTheClaimWhenTheReservationFails() {
        rig.credit.reserve.failOnCall(1, When.BEFORE_WRITE);

        unavailable();

        assertUntouched();
        assertEquals(List.of(), rig.queue.enqueued());
        retryIsAcceptedOnce();
    }

    /** Invariant: a debit that went through but whose answer was lost is refunded, exactly once. */
    @Test
    void refundsAReservationWhoseAnswerWasLost() {
        rig.credit.reserve.failOnCall(1, When.AFTER_WRITE);

        unavailable();

        assertUntouched();
        assertEquals(1, rig.credit.refundedTokens().size());
        retryIsAcceptedOnce();
    }

    /** Invariant: with the queue down nothing is charged or stored, and the same request later is accepted once. */
    @Test
    void undoesEverythingWhenTheQueueIsDown() {
        rig.queue.enqueue.failOnCall(1, When.BEFORE_WRITE);

        unavailable();

        assertUntouched();
        assertEquals(List.of(), rig.queue.enqueued());
        assertEquals(1, rig.credit.refundedTokens().size());
        Accepted retry = retryIsAcceptedOnce();
        assertEquals(List.of(retry.batch().token()), rig.queue.enqueued().stream().map(Batch::token).toList());
    }

    /** Invariant: messages that reached the queue for an undone attempt are never sent; only the retry's are. */
    @Test
    void aQueueMessageOfAnUndoneAttemptIsNeverSent() {
        rig.queue.enqueue.failOnCall(1, When.AFTER_WRITE);

        unavailable();

        assertUntouched();
        assertEquals(1, rig.queue.enqueued().size(), "the lost answer hid a message that did reach the queue");
        Accepted retry = retryIsAcceptedOnce();
        assertEquals(List.of(retry.batch().token()), rig.sendable(REF).stream().map(Batch::token).toList());
    }

    /** Invariant: a scheduled batch whose filing failed is undone like a queued one. */
    @Test
    void undoesWhenFilingAScheduledBatchFails() {
        request.sendAt("2026-01-02T12:00:00Z");
        rig.batches.schedule.failOnCall(1, When.BEFORE_WRITE);

        unavailable();

        assertUntouched();
        assertEquals(List.of(), rig.batches.scheduled());
        Accepted retry = retryIsAcceptedOnce();
        assertEquals(1, rig.batches.scheduled().size());
        assertEquals(List.of(), rig.queue.enqueued());
        assertEquals(Instant.parse("2026-01-02T12:00:00Z"), retry.batch().sendAt());
    }

    /** Invariant: if ACCEPTED was never written, the attempt is undone and what it queued stays inert. */
    @Test
    void undoesWhenMarkingAcceptedFailsBeforeTheWrite() {
        rig.batches.markAccepted.failOnCall(1, When.BEFORE_WRITE);

        unavailable();

        assertUntouched();
        assertEquals(1, rig.queue.enqueued().size());
        assertEquals(1, rig.credit.refundedTokens().size());
        retryIsAcceptedOnce();
    }

    /**
     * Invariant: when ACCEPTED was written and only the answer was lost, the batch stands and the
     * caller gets it: charged once, never refunded.
     */
    @Test
    void keepsTheBatchWhenTheAnswerToMarkAcceptedWasLost() {
        rig.batches.markAccepted.failOnCall(1, When.AFTER_WRITE);

        Accepted accepted = rig.submit(request);

        assertFalse(accepted.replayed());
        assertEquals(Batch.State.ACCEPTED, accepted.batch().state());
        assertEquals(Optional.of(accepted.batch()), rig.batches.peek(ACCOUNT, REF));
        assertEquals(INITIAL - COST, rig.balance());
        assertEquals(List.of(), rig.credit.refundedTokens());
        rig.assertWhole();
    }

    /** Invariant: a claim lost before it could be marked ACCEPTED is undone: nothing charged, nothing sendable. */
    @Test
    void undoesWhenTheClaimIsGoneBeforeItCanBeMarkedAccepted() {
        rig.queue.enqueue.onCall(n -> rig.batches.evict(ACCOUNT, REF));

        unavailable();

        assertUntouched();
        assertEquals(1, rig.credit.refundedTokens().size());
    }

    /** A scheduled batch's first chunk may be months away: its reservation is forgotten at once. */
    @Test
    void settlesTheReservationOfAScheduledBatchAtAcceptance() {
        request.sendAt("2026-01-02T12:00:00Z");

        Accepted accepted = rig.submit(request);

        assertEquals(List.of(accepted.batch().token()), rig.credit.settledTokens());
        assertEquals(Map.of(), rig.credit.reservations(ACCOUNT));
    }

    /** Invariant: settling is bookkeeping: if it fails the (scheduled) batch is still accepted and charged once. */
    @Test
    void staysAcceptedAndChargedOnceWhenSettlingFails() {
        request.sendAt("2026-01-02T12:00:00Z");
        rig.credit.settle.failOnCall(1, When.BEFORE_WRITE);

        Accepted accepted = rig.submit(request);

        assertFalse(accepted.replayed());
        assertEquals(Batch.State.ACCEPTED, rig.batches.peek(ACCOUNT, REF).orElseThrow().state());
        assertEquals(1, rig.sendable(REF).size());
        assertEquals(INITIAL - COST, rig.balance());
        assertEquals(List.of(), rig.credit.refundedTokens());
        assertEquals(Map.of(accepted.batch().token(), COST), rig.credit.reservations(ACCOUNT),
                "the unsettled reservation is left for a later settle");

        assertTrue(rig.submit(request).replayed());
        assertEquals(INITIAL - COST, rig.balance(), "a replay never refunds the unsettled reservation");
    }

    // An acceptance that died

    /**
     * Invariant: after the lease, the same request is accepted once and the dead attempt's
     * reservation is refunded: balance = initial − one charge.
     */
    @Test
    void recoversAnAcceptanceThatDiedBeforeHandingOver() {
        rig.queue.enqueue.failOnCall(1, When.DIE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));
        Batch dead = rig.batches.peek(ACCOUNT, REF).orElseThrow();
        assertEquals(Batch.State.PENDING, dead.state());
        assertEquals(Map.of(dead.token(), COST), rig.credit.reservations(ACCOUNT));
        assertEquals(INITIAL - COST, rig.balance());

        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));
        Accepted accepted = rig.submit(request);

        assertFalse(accepted.replayed());
        assertNotEquals(dead.token(), accepted.batch().token());
        assertEquals(1, rig.credit.refundedTokens().stream().filter(dead.token()::equals).count());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    /** Invariant: what a dead attempt queued is inert; only the recovered acceptance's messages are sendable. */
    @Test
    void recoversAnAcceptanceThatDiedAfterQueueing() {
        rig.batches.markAccepted.failOnCall(1, When.DIE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));
        String deadToken = rig.batches.peek(ACCOUNT, REF).orElseThrow().token();

        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));
        Accepted accepted = rig.submit(request);

        assertEquals(List.of(deadToken, accepted.batch().token()),
                rig.queue.enqueued().stream().map(Batch::token).toList());
        assertEquals(List.of(accepted.batch().token()), rig.sendable(REF).stream().map(Batch::token).toList());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    /**
     * Invariant: balance = initial − one charge when the attempt died right after its debit was
     * written, whatever order claim and debit come in: a debit is never left without a claim
     * that leads a later request to it.
     */
    @Test
    void refundsTheReservationOfAnAcceptanceThatDiedRightAfterReserving() {
        rig.credit.reserve.failOnCall(1, When.DIE_AFTER_WRITE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));
        String deadToken = List.copyOf(rig.credit.reservations(ACCOUNT).keySet()).get(0);
        assertEquals(INITIAL - COST, rig.balance());

        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));
        assertFalse(rig.submit(request).replayed());

        assertEquals(List.of(deadToken), rig.credit.refundedTokens());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    /** Invariant: a claim left by an attempt that died right after writing it is taken over after the lease. */
    @Test
    void takesOverTheClaimOfAnAcceptanceThatDiedRightAfterClaiming() {
        rig.batches.claim.failOnCall(1, When.DIE_AFTER_WRITE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));
        assertEquals(Batch.State.PENDING, rig.batches.peek(ACCOUNT, REF).orElseThrow().state());

        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));
        assertFalse(rig.submit(request).replayed());

        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    /**
     * Invariant: an acceptance overtaken after its lease (slow, not dead) cannot double the batch:
     * the later request wins, the slow one is undone, one charge, one sendable hand-over.
     */
    @Test
    void aSlowAcceptanceOvertakenAfterItsLeaseIsUndoneNotDoubled() throws Exception {
        CountDownLatch slowInQueue = new CountDownLatch(1);
        CountDownLatch overtaken = new CountDownLatch(1);
        rig.queue.enqueue.onCall(n -> {
            if (n == 1) {
                slowInQueue.countDown();
                await(overtaken);
            }
        });
        Future<Accepted> slow = pool(1).submit(() -> rig.submit(request));
        await(slowInQueue);

        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));
        Accepted later = rig.submit(request);
        overtaken.countDown();

        assertFalse(later.replayed());
        Exception slowOutcome = assertThrows(Exception.class, () -> slow.get(5, TimeUnit.SECONDS));
        assertTrue(slowOutcome.getCause() instanceof DomainException.Unavailable, slowOutcome.toString());
        assertEquals(List.of(later.batch().token()), rig.sendable(REF).stream().map(Batch::token).toList());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    // Identical requests

    /** Invariant: two identical requests at once give one batch and one charge; the second replays the first. */
    @Test
    void waitsForAnIdenticalRequestUnderWayAndReplaysIt() throws Exception {
        CountDownLatch firstInQueue = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        rig.queue.enqueue.onCall(n -> {
            firstInQueue.countDown();
            await(secondWaiting);
        });
        rig.batches.find.onCall(n -> secondWaiting.countDown());
        Future<Accepted> first = pool(1).submit(() -> rig.submit(request));
        await(firstInQueue);

        rig.clock.advance(Duration.ofSeconds(1));
        Accepted second = rig.submit(request);

        Accepted original = first.get(5, TimeUnit.SECONDS);
        assertFalse(original.replayed());
        assertTrue(second.replayed());
        assertEquals(original.batch(), second.batch());
        assertEquals(INITIAL - COST, rig.balance());
        assertEquals(1, rig.queue.enqueued().size());
        rig.assertWhole();
    }

    /** Invariant: many identical requests at the same moment, with a real pool, send once and charge once. */
    @Test
    void identicalRequestsAtTheSameMomentAcceptOnce() throws Exception {
        int callers = 8;
        BatchSubmission submission = rig.submission();
        CyclicBarrier together = new CyclicBarrier(callers);
        ExecutorService threads = pool(callers);
        List<Future<Accepted>> results = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            results.add(threads.submit(() -> {
                together.await();
                return submission.submit(ACCOUNT, request.build());
            }));
        }

        List<Accepted> outcomes = new ArrayList<>();
        for (Future<Accepted> result : results) {
            outcomes.add(result.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, outcomes.stream().filter(a -> !a.replayed()).count());
        assertEquals(1, outcomes.stream().map(a -> a.batch().token()).distinct().count());
        assertEquals(1, rig.queue.enqueued().size());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    /**
     * Invariant: an identical request gives up after WAIT_FOR_TWIN with 409 request_in_progress,
     * charging nothing and leaving the claim it waited for untouched.
     */
    @Test
    void answersRequestInProgressWhenTheTwinOutlastsTheWait() {
        rig.queue.enqueue.failOnCall(1, When.DIE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));
        Batch held = rig.batches.peek(ACCOUNT, REF).orElseThrow();
        rig.clock.advance(Duration.ofSeconds(1));
        Instant started = rig.clock.instant();
        rig.batches.find.onCall(n -> rig.clock.advance(Duration.ofSeconds(1)));

        DomainException.Conflict e = assertThrows(DomainException.Conflict.class, () -> rig.submit(request));

        assertEquals("request_in_progress", e.code());
        assertTrue(!rig.clock.instant().isBefore(started.plus(BatchSubmission.WAIT_FOR_TWIN)),
                "answered before waiting " + BatchSubmission.WAIT_FOR_TWIN);
        assertEquals(Optional.of(held), rig.batches.peek(ACCOUNT, REF));
        assertEquals(INITIAL - COST, rig.balance(), "only the held claim's reservation is taken");
        assertEquals(Map.of(held.token(), COST), rig.credit.reservations(ACCOUNT),
                "the waiting request holds no credit of its own");
    }

    /** Invariant: a waiting request whose twin is undone takes over and is accepted once. */
    @Test
    void takesOverWhenTheTwinItWaitedForIsUndone() throws Exception {
        CountDownLatch firstInQueue = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        rig.queue.enqueue.failOnCall(1, When.BEFORE_WRITE).onCall(n -> {
            if (n == 1) {
                firstInQueue.countDown();
                await(secondWaiting);
            }
        });
        rig.batches.find.onCall(n -> secondWaiting.countDown());
        Future<Accepted> first = pool(1).submit(() -> rig.submit(request));
        await(firstInQueue);

        Accepted second = rig.submit(request);

        Exception firstOutcome = assertThrows(Exception.class, () -> first.get(5, TimeUnit.SECONDS));
        assertTrue(firstOutcome.getCause() instanceof DomainException.Unavailable, firstOutcome.toString());
        assertFalse(second.replayed());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    /** Invariant: a replay of an ACCEPTED batch returns it, charges nothing (even on an empty balance) and queues nothing. */
    @Test
    void replaysAnAcceptedBatchWithoutChargingAgain() {
        AcceptanceRig exact = new AcceptanceRig(COST);
        Accepted original = exact.submit(request);
        exact.clock.advance(Duration.ofHours(1));

        Accepted replay = exact.submit(request);

        assertTrue(replay.replayed());
        assertEquals(original.batch(), replay.batch());
        assertEquals(0, exact.balance());
        assertEquals(1, exact.queue.enqueued().size());
        exact.assertWhole();
    }

    /** Invariant: a different request under a used reference is refused with no charge and no change to the first. */
    @Test
    void refusesADifferentRequestUnderAnAcceptedReference() {
        Accepted original = rig.submit(request);

        DomainException.Conflict e = assertThrows(DomainException.Conflict.class,
                () -> rig.submit(AcceptanceRig.request().reference(REF).body("Something else")));

        assertEquals("reference_conflict", e.code());
        assertEquals(Optional.of(original.batch()), rig.batches.peek(ACCOUNT, REF));
        assertEquals(INITIAL - COST, rig.balance());
        assertEquals(1, rig.queue.enqueued().size());
        rig.assertWhole();
    }

    /** Invariant: a different request under a reference still being accepted is refused at once, without waiting. */
    @Test
    void refusesADifferentRequestUnderAPendingReferenceWithoutWaiting() {
        rig.queue.enqueue.failOnCall(1, When.DIE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));

        DomainException.Conflict e = assertThrows(DomainException.Conflict.class,
                () -> rig.submit(AcceptanceRig.request().reference(REF).body("Something else")));

        assertEquals("reference_conflict", e.code());
        assertEquals(0, rig.batches.find.calls(), "it waited for a request it can never replay");
        assertEquals(INITIAL - COST, rig.balance());
    }

    /** Invariant: the same reference in two accounts names two batches, each charged to its own account. */
    @Test
    void aReferenceBelongsToOneAccount() {
        rig.submit(request);
        rig.accounts.approve(AcceptanceRig.OTHER_ACCOUNT, AcceptanceRig.SENDER);
        rig.credit.topUp(AcceptanceRig.OTHER_ACCOUNT, COST);

        Accepted other = rig.submission().submit(AcceptanceRig.OTHER_ACCOUNT, request.build());

        assertFalse(other.replayed());
        assertEquals(AcceptanceRig.OTHER_ACCOUNT, other.batch().accountId());
        assertEquals(0, rig.credit.balance(AcceptanceRig.OTHER_ACCOUNT));
        assertEquals(INITIAL - COST, rig.balance());
    }
}
