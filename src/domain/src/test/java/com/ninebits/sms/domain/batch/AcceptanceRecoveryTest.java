package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.Fault;
import com.ninebits.sms.domain.Fault.When;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep that undoes acceptances abandoned half-way by a client that never retried. Invariant:
 * balance = initial − the cost of ACCEPTED batches; an abandoned claim is refunded exactly once
 * and its reference freed; nothing younger than the lease, and nothing accepted, is touched.
 */
class AcceptanceRecoveryTest {

    private static final String ACCOUNT = AcceptanceRig.ACCOUNT;
    private static final long INITIAL = 100;

    private final AcceptanceRig rig = new AcceptanceRig(INITIAL);
    private final AcceptanceRecovery recovery = new AcceptanceRecovery(rig.batches, rig.credit, rig.clock);

    private Batch diedAfterReserving(String reference) {
        rig.queue.enqueue.failOnCall(1, When.DIE);
        assertThrows(Fault.Died.class, () -> rig.submit(AcceptanceRig.request().reference(reference)));
        return rig.batches.peek(ACCOUNT, reference).orElseThrow();
    }

    @Test
    void refundsAndFreesAClaimAbandonedPastTheLease() {
        Batch dead = diedAfterReserving("abandoned");
        long charged = INITIAL - rig.balance();
        assertTrue(charged > 0, "the dead attempt had reserved its credit");

        rig.clock.advance(BatchSubmission.CLAIM_LEASE.plusSeconds(1));
        assertEquals(1, recovery.undoAbandoned());

        assertEquals(INITIAL, rig.balance());
        assertEquals(Map.of(), rig.credit.reservations(ACCOUNT));
        assertTrue(rig.batches.peek(ACCOUNT, "abandoned").isEmpty(), "the reference is free again");
        assertEquals(0, recovery.undoAbandoned(), "a second sweep finds nothing and refunds nothing");
        assertEquals(INITIAL, rig.balance());
        assertTrue(rig.credit.refundedTokens().contains(dead.token()));
    }

    @Test
    void leavesAClaimYoungerThanTheLeaseAlone() {
        diedAfterReserving("young");
        long balance = rig.balance();

        rig.clock.advance(BatchSubmission.CLAIM_LEASE.minus(Duration.ofSeconds(1)));
        assertEquals(0, recovery.undoAbandoned());

        assertEquals(balance, rig.balance());
        assertTrue(rig.batches.peek(ACCOUNT, "young").isPresent());
    }

    @Test
    void neverTouchesAnAcceptedBatch() {
        rig.submit(AcceptanceRig.request().reference("fine"));
        long balance = rig.balance();

        rig.clock.advance(Duration.ofHours(1));
        assertEquals(0, recovery.undoAbandoned());

        assertEquals(balance, rig.balance());
        rig.assertWhole();
    }
}
