package com.ninebits.sms.domain.batch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Batches by account and reference. Every write is a conditional single-item write. */
public interface BatchStore {

    /** Stores the batch as PENDING if the reference is free; otherwise returns the batch holding it. */
    Optional<Batch> claim(Batch pending);

    /** PENDING → ACCEPTED for this acceptance's token; false if the claim was lost meanwhile. */
    boolean markAccepted(Batch batch);

    /** Removes a PENDING claim of this token (an acceptance that failed and was undone). */
    void release(Batch batch);

    Optional<Batch> find(String accountId, String referenceId);

    /** Files a scheduled batch under its release minute. */
    void schedule(Batch batch);

    /** A claim still PENDING: enough to find and undo it. */
    record Claim(String accountId, String referenceId, String token) {
    }

    /** Claims made before {@code before} and still PENDING: acceptances that died half-way. */
    List<Claim> pendingSince(Instant before, int limit);

    /** When a claim was made, so that an abandoned one can be recognised after its lease. */
    default Instant claimedAt(Batch batch) {
        return batch.createdAt();
    }
}
