package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Credit;

import java.time.Clock;
import java.util.logging.Logger;

/**
 * Undoes acceptances that died half-way and whose client never sent the same request again (which
 * would have undone them itself): every claim still PENDING (or WITHDRAWN, an undo that stopped)
 * past the lease has its reservation refunded, exactly once, and its reference freed, unless a
 * dispatcher holding its last queue message accepted it first. Run every minute.
 */
public final class AcceptanceRecovery {

    static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(AcceptanceRecovery.class.getName());

    private final BatchStore batches;
    private final Credit credit;
    private final Clock clock;

    public AcceptanceRecovery(BatchStore batches, Credit credit, Clock clock) {
        this.batches = batches;
        this.credit = credit;
        this.clock = clock;
    }

    /** Returns how many abandoned acceptances were undone. */
    public int undoAbandoned() {
        int undone = 0;
        for (BatchStore.Claim claim : batches.pendingSince(clock.instant().minus(BatchSubmission.CLAIM_LEASE), BATCH)) {
            var batch = batches.find(claim.accountId(), claim.referenceId())
                    .filter(b -> b.state().releasable() && b.token().equals(claim.token()));
            // Withdrawn before the refund: a dispatcher holding its last queue message may be accepting it right now.
            if (batch.isPresent() && batches.withdraw(batch.get())) {
                boolean refunded = credit.refundReservation(claim.accountId(), claim.token());
                batches.release(batch.get());
                undone++;
                LOG.info(() -> "abandoned acceptance of batch " + claim.referenceId() + " of " + claim.accountId()
                        + " undone" + (refunded ? ", reservation refunded" : ""));
            }
        }
        return undone;
    }
}
