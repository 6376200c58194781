package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.callback.CallbackQueue;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends the messages of a cancelled batch that were not handed to the SMSC: each one still queued
 * with no attempt under way becomes {@code cancelled} and is refunded once (see
 * {@link MessageLedger#cancel}: the move a claim cannot also win), with its callback where the
 * batch asked for reports. It runs beside dispatchers, so what another writer may be doing right
 * now is left to it: an attempt in flight goes on (taken over as {@code unknown} only once it is
 * older than any live attempt, {@link Refunds#LEASE}), and so does a refund owed for less than
 * that. Both the customer's request and the dispatcher (a chunk of a cancelled batch) go through
 * here.
 */
final class MessageCancellation {

    /** Records are read this many at a time, so that a large batch is neither read whole nor stale. */
    private static final int WINDOW = 250;

    private final MessageLedger ledger;
    private final Refunds refunds;
    private final CallbackQueue callbacks;
    private final Clock clock;

    MessageCancellation(MessageLedger ledger, Refunds refunds, CallbackQueue callbacks, Clock clock) {
        this.ledger = ledger;
        this.refunds = refunds;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /**
     * What a pass did: {@code cancelled} messages moved by it; {@code next} the first index it did
     * not look at (the end when it looked at all); {@code leftToOthers} whether it met a message
     * another writer may still be settling (an attempt in flight, a refund in payment).
     */
    record Pass(int cancelled, int next, boolean leftToOthers) {
    }

    /**
     * Cancels the batch's messages in [from, to) in {@code to} order, stopping at the first it
     * reaches after {@code deadline}. {@code recipients} holds the numbers of that range.
     */
    Pass cancel(Batch batch, int from, int to, List<String> recipients, Instant deadline) {
        Subscription subscription = batch.deliveryReport() ? new Subscription(batch.callbackUrl()) : null;
        List<CallbackTask> events = new ArrayList<>();
        int cancelled = 0;
        boolean leftToOthers = false;
        int index = from;
        try {
            while (index < to && !clock.instant().isAfter(deadline)) {
                int end = Math.min(to, index + WINDOW);
                Map<Integer, MessageRecord> records = ledger.records(batch.accountId(), batch.referenceId(), index, end);
                for (; index < end && !clock.instant().isAfter(deadline); index++) {
                    MessageKey key = new MessageKey(batch.accountId(), batch.referenceId(), index);
                    Step step = settle(key, recipients.get(index - from), batch.partsOf(index), records.get(index));
                    step.moved().ifPresent(state -> {
                        if (subscription != null) {
                            events.add(CallbackTask.first(StatusEvent.of(key, state, subscription), clock.instant()));
                        }
                    });
                    cancelled += step.moved().filter(s -> s.status() == MessageState.Status.CANCELLED).isPresent() ? 1 : 0;
                    leftToOthers |= step.leftToOthers();
                }
            }
        } finally {
            if (!events.isEmpty()) {
                callbacks.send(events);
            }
        }
        return new Pass(cancelled, index, leftToOthers);
    }

    /** What settling one message did: the move it made, if any, and whether another writer may still have it. */
    private record Step(Optional<MessageState> moved, boolean leftToOthers) {
        static final Step NOTHING = new Step(Optional.empty(), false);
        static final Step OTHERS = new Step(Optional.empty(), true);
    }

    private Step settle(MessageKey key, String number, int parts, MessageRecord record) {
        Instant now = clock.instant();
        if (record != null && record.refundDue() > 0) {
            if (Refunds.mayBeInPayment(record, now)) {
                return Step.OTHERS;
            }
            refunds.payOwed(key, record.refundDue());
            return Step.NOTHING;
        }
        if (record != null && record.inFlight()) {
            if (Refunds.recent(record, now)) {
                // Being submitted right now: it goes on, as every message already handed to the SMSC does.
                return Step.OTHERS;
            }
            // Its dispatcher died mid-attempt: the SMSC may have it, so it is never cancelled, only closed.
            return new Step(ledger.abandon(key, record.attempts(), MessageLedger.INTERRUPTED, now), false);
        }
        if (record != null && record.state().status() != MessageState.Status.QUEUED) {
            return Step.NOTHING;
        }
        Optional<MessageState> moved = refunds.cancel(key, number, parts, now);
        // Refused: a claim took it first, so it is being submitted; its dispatcher settles it.
        return moved.isPresent() ? new Step(moved, false) : Step.OTHERS;
    }
}
