package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.batch.AcceptanceRig.Req;
import com.ninebits.sms.domain.batch.BatchSubmission.Accepted;
import com.ninebits.sms.domain.Fault;
import com.ninebits.sms.domain.Fault.When;
import com.ninebits.sms.domain.error.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.ninebits.sms.domain.batch.AcceptanceRig.ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dispatcher may read a batch's last queue message before the acceptance wrote ACCEPTED, and
 * then writes ACCEPTED itself. Invariant: the acceptance and the dispatcher never disagree. If
 * the dispatcher won, the batch stands accepted and charged once, and the acceptance answers so;
 * if an undo won, the dispatcher can no longer accept it and nothing is charged or sendable.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DispatcherFinishesAcceptanceTest {

    private static final long INITIAL = 100;
    private static final long COST = 3;
    private static final String REF = "ref-1";

    private final AcceptanceRig rig = new AcceptanceRig(INITIAL);
    private final Req request = AcceptanceRig.request().reference(REF);

    /** Invariant: accepted by the dispatcher first, the acceptance still succeeds: charged once, nothing refunded. */
    @Test
    void theAcceptanceAgreesWithADispatcherThatAcceptedFirst() {
        rig.batches.markAccepted.onCall(n -> assertTrue(rig.dispatcherFinishes(REF)));

        Accepted accepted = rig.submit(request);

        assertFalse(accepted.replayed());
        assertEquals(Batch.State.ACCEPTED, accepted.batch().state());
        assertEquals(List.of(), rig.credit.refundedTokens());
        rig.assertWhole();
    }

    /**
     * Invariant: when the queue's answer was lost but a dispatcher had the batch and accepted it,
     * the acceptance does not answer 503 for a batch that is being sent: it answers accepted.
     */
    @Test
    void aLostQueueAnswerIsNoFailureWhenADispatcherAcceptedTheBatch() {
        rig.queue.enqueue.failOnCall(1, When.AFTER_WRITE);
        rig.batches.withdraw.onCall(n -> assertTrue(rig.dispatcherFinishes(REF)));

        Accepted accepted = rig.submit(request);

        assertFalse(accepted.replayed());
        assertEquals(List.of(), rig.credit.refundedTokens());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    /** Invariant: once the undo has withdrawn the claim, a dispatcher holding its message cannot accept it. */
    @Test
    void aDispatcherComingDuringTheUndoCannotAcceptTheBatch() {
        rig.queue.enqueue.failOnCall(1, When.AFTER_WRITE);
        List<Boolean> tries = new ArrayList<>();
        rig.credit.refundReservation.onCall(n -> tries.add(rig.dispatcherFinishes(REF)));
        rig.batches.release.onCall(n -> tries.add(rig.dispatcherFinishes(REF)));

        assertThrows(DomainException.Unavailable.class, () -> rig.submit(request));

        assertEquals(List.of(false, false), tries);
        assertFalse(rig.dispatcherFinishes(REF));
        rig.assertNothingStored(REF);
        assertEquals(INITIAL, rig.balance());
        assertEquals(Map.of(), rig.credit.reservations(ACCOUNT));
    }

    /**
     * Invariant: an undo that stopped after withdrawing leaves a claim nobody can accept; the same
     * request, without waiting for the lease, finishes the refund once and is accepted.
     */
    @Test
    void anUndoThatStoppedAfterWithdrawingIsFinishedByTheNextRequestAndNeverSent() {
        rig.queue.enqueue.failOnCall(1, When.AFTER_WRITE);
        rig.credit.refundReservation.failOnCall(1, When.DIE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));
        Batch withdrawn = rig.batches.peek(ACCOUNT, REF).orElseThrow();
        assertEquals(Batch.State.WITHDRAWN, withdrawn.state());
        assertFalse(rig.dispatcherFinishes(REF));
        assertEquals(List.of(), rig.sendable(REF));

        Accepted retry = rig.submit(request);

        assertFalse(retry.replayed());
        assertEquals(List.of(withdrawn.token()), rig.credit.refundedTokens());
        assertEquals(INITIAL - COST, rig.balance());
        rig.assertWhole();
    }

    /** Invariant: the sweep never refunds a claim that a dispatcher accepted while the sweep looked at it. */
    @Test
    void theSweepLeavesAClaimADispatcherAcceptedMeanwhile() {
        rig.batches.markAccepted.failOnCall(1, When.DIE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));
        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));
        rig.batches.withdraw.onCall(n -> assertTrue(rig.dispatcherFinishes(REF)));

        assertEquals(0, new AcceptanceRecovery(rig.batches, rig.credit, rig.clock).undoAbandoned());

        assertEquals(Batch.State.ACCEPTED, rig.batches.peek(ACCOUNT, REF).orElseThrow().state());
        assertEquals(1, rig.sendable(REF).size());
        assertEquals(INITIAL - COST, rig.balance());
        assertEquals(List.of(), rig.credit.refundedTokens());
    }

    /** Invariant: the sweep finishes an undo that stopped after withdrawing: refunded once, reference freed. */
    @Test
    void theSweepFinishesAnUndoThatStoppedAfterWithdrawing() {
        rig.queue.enqueue.failOnCall(1, When.AFTER_WRITE);
        rig.batches.release.failOnCall(1, When.DIE);
        assertThrows(Fault.Died.class, () -> rig.submit(request));
        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));

        assertEquals(1, new AcceptanceRecovery(rig.batches, rig.credit, rig.clock).undoAbandoned());

        rig.assertNothingStored(REF);
        assertEquals(INITIAL, rig.balance());
        assertEquals(1, rig.credit.refundedTokens().size());
    }

    /** When the dispatcher tries to finish the acceptance. */
    enum Dispatcher {
        /** Never holds the batch while the acceptance runs. */
        ABSENT,
        /** Tries before every store and queue call of the acceptance, and after it. */
        EAGER,
        /** Tries once the acceptance has answered. */
        LATE
    }

    /** One fault: the {@code nth} call of an operation fails so. */
    record Step(String operation, When when) {
        @Override
        public String toString() {
            return operation + " " + when;
        }
    }

    private Fault fault(String operation) {
        return switch (operation) {
            case "claim" -> rig.batches.claim;
            case "reserve" -> rig.credit.reserve;
            case "enqueue" -> rig.queue.enqueue;
            case "markAccepted" -> rig.batches.markAccepted;
            case "withdraw" -> rig.batches.withdraw;
            case "refund" -> rig.credit.refundReservation;
            case "release" -> rig.batches.release;
            case "settle" -> rig.credit.settle;
            default -> throw new IllegalArgumentException(operation);
        };
    }

    private List<Fault> faults() {
        return Stream.of("claim", "reserve", "enqueue", "markAccepted", "withdraw", "refund", "release", "settle")
                .map(this::fault).toList();
    }

    static Stream<Arguments> faultsAndDispatchers() {
        List<List<Step>> plans = new ArrayList<>();
        // Not "settle": a batch for now is settled by its dispatcher, never by the acceptance.
        for (String operation : List.of("claim", "reserve", "enqueue", "markAccepted")) {
            for (When when : List.of(When.BEFORE_WRITE, When.AFTER_WRITE)) {
                plans.add(List.of(new Step(operation, when)));
            }
        }
        // The queue's answer lost, then the undo itself failing at each of its steps.
        for (String operation : List.of("withdraw", "refund", "release")) {
            for (When when : List.of(When.BEFORE_WRITE, When.AFTER_WRITE)) {
                plans.add(List.of(new Step("enqueue", When.AFTER_WRITE), new Step(operation, when)));
            }
        }
        return plans.stream().flatMap(plan -> Stream.of(Dispatcher.values()).map(d -> Arguments.of(plan, d)));
    }

    /**
     * Invariant, whichever step fails and whenever a dispatcher holding the batch tries to accept
     * it: once the sweep has run, the batch is either sendable once and charged once (and then the
     * acceptance did not answer 503), or not sendable and not charged (and then it did not answer
     * accepted); no claim is left, and a reservation left behind belongs to an accepted batch.
     */
    @ParameterizedTest(name = "{0}, dispatcher {1}")
    @MethodSource("faultsAndDispatchers")
    void theAcceptanceAndTheDispatcherNeverDisagree(List<Step> plan, Dispatcher dispatcher) {
        plan.forEach(step -> fault(step.operation()).failOnCall(1, step.when()));
        if (dispatcher == Dispatcher.EAGER) {
            faults().forEach(f -> f.onCall(n -> rig.dispatcherFinishes(REF)));
        }

        Object outcome;
        try {
            outcome = rig.submit(request);
        } catch (RuntimeException e) {
            outcome = e;
        }
        if (dispatcher != Dispatcher.ABSENT) {
            rig.dispatcherFinishes(REF);
        }
        faults().forEach(f -> f.heal().onCall(n -> {
        }));
        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));
        new AcceptanceRecovery(rig.batches, rig.credit, rig.clock).undoAbandoned();

        int sendable = rig.sendable(REF).size();
        assertTrue(sendable <= 1, "sendable " + sendable + " times");
        assertEquals(INITIAL - COST * sendable, rig.balance(), "charged for what is sendable, once");
        if (outcome instanceof Accepted) {
            assertEquals(1, sendable, "answered accepted but not sendable");
        }
        if (outcome instanceof DomainException.Unavailable) {
            assertEquals(0, sendable, "answered 503 but sendable");
        }
        rig.batches.all().forEach(b -> assertEquals(Batch.State.ACCEPTED, b.state(), "a claim was left: " + b));
        rig.credit.reservations(ACCOUNT).keySet().forEach(token -> assertTrue(
                rig.batches.peek(ACCOUNT, REF).filter(b -> b.token().equals(token)).isPresent(),
                "a reservation of an undone acceptance is left: " + token));
        if (sendable == 0) {
            rig.assertNothingStored(REF);
        }
        rig.clock.advance(Duration.ofMinutes(1));
        Accepted again = rig.submit(request);
        assertEquals(sendable == 1, again.replayed(), "the same request again replays exactly what stands");
        assertEquals(INITIAL - COST, rig.balance());
    }
}
