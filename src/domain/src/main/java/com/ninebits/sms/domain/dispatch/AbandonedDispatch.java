package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends what the dispatch queue gave up on (a chunk in its dead-letter queue), so that nothing is
 * left charged there: every message of the chunk still {@code queued} ends {@code failed}
 * ({@value #ABANDONED}) and is refunded, exactly once however often the chunk comes. A message
 * found with an attempt in flight may have reached the SMSC: it ends {@code unknown}, charged, as
 * a dispatcher finding it would end it; a refund a dispatcher left owing is paid. Where the batch
 * asked for delivery reports, each end is told.
 */
public final class AbandonedDispatch {

    /** The error code of a message whose chunk was abandoned before it was sent. */
    public static final String ABANDONED = "dispatch_abandoned";

    private final BatchStore batches;
    private final MessageLedger ledger;
    private final Refunds refunds;
    private final CallbackQueue callbacks;
    private final Clock clock;

    public AbandonedDispatch(BatchStore batches, MessageLedger ledger, Credit credit, CallbackQueue callbacks,
                             Clock clock) {
        this.batches = batches;
        this.ledger = ledger;
        this.refunds = new Refunds(ledger, credit);
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /** What ending a chunk did. */
    public sealed interface Outcome permits Ended, NothingCharged, NotYet {
    }

    /** {@code failed} messages ended failed and refunded by this call, {@code unknown} ended unknown. */
    public record Ended(int failed, int unknown) implements Outcome {
    }

    /** The chunk belongs to no accepted batch: its acceptance was undone, and the undoing refunded it. */
    public record NothingCharged(String reason) implements Outcome {
    }

    /** Its batch's acceptance is still settling (it is either completed or undone within the claim lease): try again. */
    public record NotYet(String reason) implements Outcome {
    }

    public Outcome end(DispatchChunk chunk) {
        Optional<Batch> found = batches.findToSend(chunk.accountId(), chunk.referenceId());
        if (found.isEmpty() || !found.get().token().equals(chunk.token())) {
            return new NothingCharged("no accepted batch for this chunk");
        }
        Batch batch = found.get();
        if (batch.state() != Batch.State.ACCEPTED) {
            return new NotYet("batch not yet accepted");
        }
        Subscription subscription = batch.deliveryReport() ? new Subscription(batch.callbackUrl()) : null;
        List<CallbackTask> events = new ArrayList<>();
        int from = chunk.firstIndex();
        Map<Integer, MessageRecord> records = ledger.records(batch.accountId(), batch.referenceId(), from,
                from + chunk.recipients().size());
        int failed = 0;
        int unknown = 0;
        try {
            for (int index = from; index < from + chunk.recipients().size(); index++) {
                MessageKey key = new MessageKey(batch.accountId(), batch.referenceId(), index);
                Optional<MessageState> moved = endOne(key, chunk.recipients().get(index - from), batch, records.get(index));
                if (moved.isPresent()) {
                    failed += moved.get().status() == MessageState.Status.FAILED ? 1 : 0;
                    unknown += moved.get().status() == MessageState.Status.UNKNOWN ? 1 : 0;
                    if (subscription != null) {
                        events.add(CallbackTask.first(StatusEvent.of(key, moved.get(), subscription), clock.instant()));
                    }
                }
            }
        } finally {
            if (!events.isEmpty()) {
                callbacks.send(events);
            }
        }
        return new Ended(failed, unknown);
    }

    /** Ends one message if it is still to send; the state it moved to, if this call moved it. */
    private Optional<MessageState> endOne(MessageKey key, String number, Batch batch, MessageRecord record) {
        if (record != null) {
            Optional<EarlierDelivery.Finished> finished = EarlierDelivery.finish(key, record, ledger, refunds, clock.instant());
            if (finished.isPresent()) {
                return finished.get().moved();
            }
        }
        return refunds.end(key, number, batch.partsOf(key.index()), MessageState.Status.FAILED, ABANDONED, clock.instant());
    }
}
