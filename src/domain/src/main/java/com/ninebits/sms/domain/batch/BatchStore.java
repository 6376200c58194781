package com.ninebits.sms.domain.batch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Batches by account and reference. Every write is a conditional single-item write. */
public interface BatchStore {

    /** Stores the batch as PENDING if the reference is free; otherwise returns the batch holding it. */
    Optional<Batch> claim(Batch pending);

    /**
     * PENDING → ACCEPTED for this acceptance's token; true as well when it is ACCEPTED already (a
     * dispatcher holding its last queue message may finish it first). False if the claim was lost
     * meanwhile or is being withdrawn.
     */
    boolean markAccepted(Batch batch);

    /**
     * PENDING → WITHDRAWN for this acceptance's token, so that nobody can accept it any more: the
     * first step of an undo. True when this acceptance can never become ACCEPTED (withdrawn now or
     * before, its claim gone or taken over), so that refunding it is safe; false when it already is.
     */
    boolean withdraw(Batch batch);

    /** Removes a PENDING or WITHDRAWN claim of this token (an acceptance that failed and was undone). */
    void release(Batch batch);

    Optional<Batch> find(String accountId, String referenceId);

    /**
     * The batch without its recipients and rejected lists (both empty here): what sending a chunk,
     * which carries its own recipients, needs of it, read for every chunk delivered, so kept small
     * (the lists of a large batch are hundreds of kilobytes).
     */
    default Optional<Batch> findToSend(String accountId, String referenceId) {
        return find(accountId, referenceId);
    }

    /** Files a scheduled batch under its release minute. */
    void schedule(Batch batch);

    /** A claim still PENDING or WITHDRAWN: enough to find and undo it. */
    record Claim(String accountId, String referenceId, String token) {
    }

    /** Claims made before {@code before} and still PENDING or WITHDRAWN: acceptances that died half-way. */
    List<Claim> pendingSince(Instant before, int limit);

    /** When a claim was made, so that an abandoned one can be recognised after its lease. */
    default Instant claimedAt(Batch batch) {
        return batch.createdAt();
    }

    /**
     * Marks this acceptance's ACCEPTED batch cancelled at {@code at}, unless it is already; true
     * when this call marked it.
     */
    boolean markCancelled(Batch batch, Instant at);

    /** Which accepted batches of an account to list: created within [after, before), from one sender. */
    record Listing(String accountId, Instant createdAfter, Instant createdBefore, String from, int limit,
                   Position after) {
    }

    /** Where a listing goes on: after the batch created at {@code createdAt} under {@code referenceId}. */
    record Position(Instant createdAt, String referenceId) {
    }

    /** A batch as the listing index holds it: what a list shows, without its recipients and body. */
    record Listed(String referenceId, String from, Instant createdAt, Instant sendAt, int recipientsTotal, int parts,
                  Instant cancelledAt) {
    }

    /** A page of a listing, newest first; {@code next} is absent once there is nothing more. */
    record Page(List<Listed> batches, Optional<Position> next) {
    }

    /** Only ACCEPTED batches are listed, newest first, read from an index (never a scan). */
    Page listAccepted(Listing listing);
}
