package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.DispatchChunk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A chunk read before its batch is ACCEPTED. The acceptance writes ACCEPTED right after the queue
 * took the batch, so a dispatcher polling the queue usually gets there first; bouncing the chunk
 * would cost a visibility timeout. A chunk of the batch's last queue call shows the hand-over
 * complete (the debit came before it, every other chunk is queued), so the dispatcher writes
 * ACCEPTED itself, under the same condition the acceptance uses; an undo withdraws the claim first,
 * so at most one of the two wins. An earlier chunk of a batch that took several queue calls waits
 * a moment for the acceptance's own write instead.
 */
final class PendingAcceptance {

    /** How long a chunk that does not complete its batch waits for the acceptance to finish. */
    static final Duration WAIT = Duration.ofSeconds(2);
    static final Duration POLL = Duration.ofMillis(20);

    private PendingAcceptance() {
    }

    /**
     * The batch once it can be sent (ACCEPTED), or as it still stands (PENDING: look again later);
     * empty when it never will be (withdrawn, freed, or claimed again by another acceptance).
     */
    static Optional<Batch> settle(BatchStore batches, Batch found, DispatchChunk chunk, Instant deadline, Clock clock,
                                  MessageDispatch.Sleeper sleeper) {
        if (found.state() == Batch.State.PENDING && chunk.wholeBatchQueued()) {
            if (batches.markAccepted(found)) {
                return Optional.of(found.accepted());
            }
            return current(batches, chunk);
        }
        Instant until = earlier(deadline, clock.instant().plus(WAIT));
        Optional<Batch> batch = Optional.of(found);
        while (batch.isPresent() && batch.get().state() == Batch.State.PENDING && clock.instant().plus(POLL).isBefore(until)) {
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            batch = current(batches, chunk);
        }
        return batch.filter(b -> b.state() != Batch.State.WITHDRAWN);
    }

    private static Optional<Batch> current(BatchStore batches, DispatchChunk chunk) {
        return batches.findToSend(chunk.accountId(), chunk.referenceId())
                .filter(b -> b.token().equals(chunk.token()) && b.state() != Batch.State.WITHDRAWN);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
