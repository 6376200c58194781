package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;

import java.time.Instant;
import java.util.Optional;

/**
 * What an earlier delivery of a chunk left of one message, finished: a refund owed is paid (its
 * dispatcher stopped between the final move and the refund, or before forgetting it), an attempt
 * in flight ends {@code unknown} (it may have reached the SMSC, so it is never sent again). The
 * one statement of it, for the dispatcher and for the dead-letter consumer.
 */
final class EarlierDelivery {

    /** The message needs nothing more sent; {@code moved} is the move made here, if one was. */
    record Finished(Optional<MessageState> moved) {
    }

    private EarlierDelivery() {
    }

    /** Finished, or empty when the message is still {@code queued} with nothing owed: still to send. */
    static Optional<Finished> finish(MessageKey key, MessageRecord record, MessageLedger ledger, Refunds refunds,
                                     Instant now) {
        if (record.refundDue() > 0) {
            if (!Refunds.leftToItsCanceller(record, now)) {
                // Its writer stopped between the final move and the refund (or before forgetting it);
                // a cancel within its lease is still paying it itself.
                refunds.payOwed(key, record.refundDue());
            }
            return Optional.of(new Finished(Optional.empty()));
        }
        if (record.inFlight()) {
            return Optional.of(new Finished(ledger.abandon(key, record.attempts(), MessageLedger.INTERRUPTED, now)));
        }
        if (record.state().status() != MessageState.Status.QUEUED) {
            return Optional.of(new Finished(Optional.empty()));
        }
        return Optional.empty();
    }
}
