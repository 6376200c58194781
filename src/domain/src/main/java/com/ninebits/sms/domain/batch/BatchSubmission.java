package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.webhook.WebhookUrls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Accepts a batch: plans it ({@link BatchPlanning}: validated whole, recipients resolved, every
 * recipient's text priced), charges that price, and hands it to the dispatch queue (or the
 * schedule), exactly once per reference.
 *
 * <p>DynamoDB transactions are not used (the local server has none), so acceptance is a chain of
 * conditional single-item writes whose failure at any point is undone:
 * <ol>
 *   <li>claim the reference: the batch is written PENDING only if the reference is free (this is
 *       the idempotency record);</li>
 *   <li>reserve the credit: a conditional debit that also records the reservation under the
 *       acceptance's token, so that it can be refunded exactly once;</li>
 *   <li>hand the batch to the queue (or file it under its release minute);</li>
 *   <li>mark it ACCEPTED, then forget the reservation.</li>
 * </ol>
 * A reservation refused for want of credit frees the claim. A failure in 2-4 refunds the reservation and frees the reference. An acceptance that died
 * between steps leaves a PENDING claim; once its lease has passed, the next request for the same
 * reference undoes it (refund if reserved) and starts again. Queue messages carry the token, and
 * the dispatcher sends only for an ACCEPTED batch of the same token, so a message of an undone
 * attempt is never sent.
 *
 * <p>A dispatcher may read the batch's queue messages before step 4. One holding a message of the
 * last queue call knows steps 1-3 are done and writes ACCEPTED itself, so that a batch accepted for
 * now is sent at once. Every undo therefore starts by withdrawing the claim (PENDING → WITHDRAWN,
 * which no dispatcher can accept), and refunds only once that succeeded; if the dispatcher won,
 * the batch stands accepted and the acceptance answers as if it had written ACCEPTED itself.
 */
public final class BatchSubmission {

    /** A reference is an identifier like any other (see {@link Ids#couldExist}). */
    public static final int MAX_REFERENCE_LENGTH = Ids.MAX_LENGTH;
    static final Duration CLAIM_LEASE = Duration.ofSeconds(30);
    static final Duration WAIT_FOR_TWIN = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(BatchSubmission.class.getName());

    private final BatchPlanning planning;
    private final BatchStore batches;
    private final Credit credit;
    private final DispatchQueue queue;
    private final Clock clock;

    public BatchSubmission(SendingAccounts accounts, Recipients recipients, BatchStore batches,
                           Credit credit, DispatchQueue queue, WebhookUrls webhookUrls, Clock clock,
                           int maxRecipients) {
        this.planning = new BatchPlanning(accounts, recipients, webhookUrls, clock, maxRecipients);
        this.batches = batches;
        this.credit = credit;
        this.queue = queue;
        this.clock = clock;
    }

    /** The batch as accepted; {@code replayed} when an earlier identical request had accepted it. */
    public record Accepted(Batch batch, boolean replayed) {
    }

    public Accepted submit(String accountId, SendRequest request) {
        Instant now = clock.instant();
        return accept(planning.plan(accountId, request).batch(), now);
    }

    /** The step the dry run shares: the batch this request would be, priced. */
    public BatchPlanning planning() {
        return planning;
    }

    private Accepted accept(Batch request, Instant started) {
        while (true) {
            Batch pending = request.withToken(Ids.random(12));
            Optional<Batch> holder;
            try {
                holder = batches.claim(pending);
            } catch (RuntimeException e) {
                // The claim may have been written before the call failed: free it if it is ours.
                releaseQuietly(pending);
                throw unavailable(pending, e);
            }
            if (holder.isEmpty()) {
                // Reserved only once the claim exists: an acceptance that dies after reserving always
                // leaves a claim behind, through which the next request for the reference refunds it.
                boolean reserved;
                try {
                    reserved = credit.reserve(pending.accountId(), pending.token(), pending.cost());
                } catch (RuntimeException e) {
                    // The debit may have been written before the call failed: refunding is exact either way,
                    // and nothing is queued yet, so no dispatcher can have accepted it.
                    undo(pending);
                    throw unavailable(pending, e);
                }
                if (!reserved) {
                    batches.release(pending);
                    throw new DomainException.InsufficientCredit(pending.cost(), credit.balance(pending.accountId()));
                }
                return new Accepted(handOver(pending), false);
            }
            Batch existing = holder.get();
            if (!existing.fingerprint().equals(pending.fingerprint())) {
                throw new DomainException.Conflict("reference_conflict",
                        "reference_id \"" + pending.referenceId() + "\" was already used for a different request");
            }
            if (existing.state() == Batch.State.ACCEPTED) {
                return new Accepted(existing, true);
            }
            Optional<Batch> settled = awaitTwin(existing, started);
            if (settled.isPresent()) {
                return new Accepted(settled.get(), true);
            }
            // The claim is still PENDING past its lease, being withdrawn, or vanished: undo it if abandoned
            // and try again (if a dispatcher finished it meanwhile, the next round replays it).
            batches.find(existing.accountId(), existing.referenceId())
                    .filter(b -> b.state().releasable() && b.token().equals(existing.token()))
                    .ifPresent(this::undo);
        }
    }

    private void releaseQuietly(Batch pending) {
        try {
            batches.release(pending);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not free the claim of batch " + pending.referenceId()
                    + "; it is undone after its lease", e);
        }
    }

    /** Waits for an identical request under way to finish; empty when it vanished or its lease ran out. */
    private Optional<Batch> awaitTwin(Batch twin, Instant started) {
        Instant deadline = started.plus(WAIT_FOR_TWIN);
        while (true) {
            Optional<Batch> now = batches.find(twin.accountId(), twin.referenceId());
            if (now.isEmpty() || !now.get().token().equals(twin.token())) {
                return Optional.empty();
            }
            if (now.get().state() == Batch.State.ACCEPTED) {
                return now;
            }
            if (now.get().state() == Batch.State.WITHDRAWN) {
                // Being undone: it will never be accepted, and freeing it needs no lease.
                return Optional.empty();
            }
            Instant t = clock.instant();
            if (t.isAfter(batches.claimedAt(now.get()).plus(CLAIM_LEASE))) {
                return Optional.empty();
            }
            if (t.isAfter(deadline)) {
                throw new DomainException.Conflict("request_in_progress",
                        "an identical request with this reference_id is still being accepted; retry shortly");
            }
            pause();
        }
    }

    /**
     * Claimed and charged: into the queue (or the schedule), then ACCEPTED. A dispatcher holding the
     * batch's last queue message may write ACCEPTED first; a failure from here on is undone only if
     * none did, since an accepted batch stands whatever the acceptance saw.
     */
    private Batch handOver(Batch pending) {
        try {
            if (pending.scheduled()) {
                batches.schedule(pending);
            } else {
                queue.enqueue(pending);
            }
        } catch (RuntimeException e) {
            // Part of the batch, or all of it with only the answer lost, may be in the queue already.
            if (undo(pending)) {
                throw unavailable(pending, e);
            }
            LOG.info(() -> "batch " + pending.referenceId() + " of " + pending.accountId() + ": the queue call failed ("
                    + e + ") after the batch reached it; a dispatcher had accepted it, so it stands");
            return settled(pending);
        }
        boolean accepted;
        try {
            accepted = batches.markAccepted(pending);
        } catch (RuntimeException e) {
            // The write may have gone through before the call failed: withdrawing fails if it did.
            if (undo(pending)) {
                throw unavailable(pending, e);
            }
            accepted = true;
        }
        if (!accepted) {
            // Taken over after its lease, or withdrawn by whoever did: never sendable, so undone.
            undo(pending);
            throw unavailable(pending, new IllegalStateException("the claim was lost during acceptance"));
        }
        return settled(pending);
    }

    private Batch settled(Batch pending) {
        // Only once ACCEPTED is the reservation forgotten: until then it is what makes an undo exact.
        // A batch for now is settled by the dispatcher holding its first chunk, so the answer does not
        // wait for it; a scheduled one here, or its note would sit on the account until its send_at.
        if (!pending.scheduled()) {
            return pending.accepted();
        }
        try {
            credit.settle(pending.accountId(), pending.token());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not settle the reservation of batch " + pending.referenceId()
                    + "; it stays recorded on the account (charged, nothing lost) until settled by hand", e);
        }
        return pending.accepted();
    }

    private DomainException.Unavailable unavailable(Batch pending, Throwable cause) {
        LOG.log(Level.WARNING, "acceptance of batch " + pending.referenceId() + " of " + pending.accountId()
                + " failed and was undone", cause);
        return new DomainException.Unavailable("temporarily_unavailable",
                "the batch could not be accepted; nothing was charged or sent, retry with the same reference_id", 1);
    }

    /**
     * Undoes an acceptance unless it was accepted meanwhile: withdrawn first, so that no dispatcher
     * can accept it once the refund is under way, then refunded (exactly once, by the reservation's
     * record) and freed. A stop in between leaves the claim in the index, and it is finished after
     * its lease. True when undone; false when it stands accepted.
     */
    private boolean undo(Batch pending) {
        if (!batches.withdraw(pending)) {
            return false;
        }
        credit.refundReservation(pending.accountId(), pending.token());
        batches.release(pending);
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException.Unavailable("interrupted", "interrupted", 1);
        }
    }

    /**
     * A reference is a path segment of the status URL: only dots ({@code .}, {@code ..}) would name
     * the path itself or its parent there, so a batch under it could never be read.
     */
    static boolean isValidReference(String ref) {
        return Ids.couldExist(ref) && !onlyDots(ref);
    }

    private static boolean onlyDots(String ref) {
        return ref.chars().allMatch(c -> c == '.');
    }

}
