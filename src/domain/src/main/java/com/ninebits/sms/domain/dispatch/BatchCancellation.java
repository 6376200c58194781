package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchReport;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.callback.CallbackQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * {@code POST /ng/v1/sendsms/{reference_id}/cancel}: stops what is left of a batch. The batch is
 * marked cancelled first, so that no dispatcher submits any more of it (a chunk of it that reaches
 * one is cancelled, not sent, and a scheduled batch is released only to be cancelled). Then every
 * message still queued ends {@code cancelled}, refunded once, by a conditional move that a claim
 * cannot also win: a message is submitted or cancelled, never both, never neither. Messages
 * already with the SMSC go on.
 *
 * <p>A request does this work for at most {@code budget}; what it did not reach (a batch of
 * 10,000 recipients, say) is handed to the dispatchers through the dispatch queue, apart from the
 * account's sends, and they cancel it in chunks. Cancelling again does it all again, which changes
 * nothing: every move is conditional and every refund paid once.
 */
public final class BatchCancellation {

    private static final Logger LOG = Logger.getLogger(BatchCancellation.class.getName());

    private final BatchStore batches;
    private final BatchReport report;
    private final MessageCancellation cancellation;
    private final CancellationQueue queue;
    private final Clock clock;
    private final Duration budget;

    public BatchCancellation(BatchStore batches, BatchReport report, MessageLedger ledger, Credit credit,
                             CallbackQueue callbacks, CancellationQueue queue, Clock clock, Duration budget) {
        this.batches = batches;
        this.report = report;
        this.cancellation = new MessageCancellation(ledger, new Refunds(ledger, credit), callbacks, clock);
        this.queue = queue;
        this.clock = clock;
        this.budget = budget;
    }

    /** What cancelling did: the batch as it now stands, and how many messages this call cancelled. */
    public record Outcome(BatchReport.View view, int cancelled, boolean handedOn) {
    }

    /** Cancels the account's batch; the batch status after it (its first page of recipients). */
    public Outcome cancel(String accountId, String referenceId) {
        Instant started = clock.instant();
        Batch batch = marked(report.accepted(accountId, referenceId), started);
        MessageCancellation.Pass pass = cancellation.cancel(batch, 0, batch.recipients().size(), batch.recipients(),
                started.plus(budget));
        boolean handedOn = pass.next() < batch.recipients().size();
        if (handedOn) {
            queue.enqueueCancellation(batch, pass.next());
        }
        LOG.info(() -> "batch cancel account=" + accountId + " reference=" + referenceId + " cancelled=" + pass.cancelled()
                + (handedOn ? " rest from index " + pass.next() + " handed to the dispatchers" : ""));
        return new Outcome(report.read(accountId, referenceId, null, 0, null), pass.cancelled(), handedOn);
    }

    /** The batch with its cancellation marked: by this call, or by an earlier one (which this one repeats harmlessly). */
    private Batch marked(Batch batch, Instant now) {
        if (batch.cancelled() || batches.markCancelled(batch, now)) {
            return batch.cancelled() ? batch : batch.withCancelledAt(now);
        }
        // Marked by a cancel at the same moment: read its mark.
        return report.accepted(batch.accountId(), batch.referenceId());
    }
}
