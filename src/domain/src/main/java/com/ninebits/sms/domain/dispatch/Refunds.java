package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageState;

import com.ninebits.sms.domain.message.MessageRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Ends a message that never reached the SMSC in a final status that gives its parts back, and
 * pays that refund exactly once however often it is asked: the final move notes the refund owed
 * (same conditional write), the payment is made under the message's id (a repeat pays nothing),
 * then the note on the message is removed, then the payment's note. A stop between any two steps
 * leaves the message owing, and whoever next meets it ({@link #payOwed}) finishes the job. The
 * dispatcher, the dead-letter consumer and cancellation all end messages through here.
 *
 * <p>A cancellation runs beside the dispatcher (the customer's request, a chunk of a cancelled
 * batch), so a refund found owed may be in payment by a live writer right now; paying it too could
 * pay it twice (the payment's note is forgotten once paid). One owed for less than {@link #LEASE}
 * is therefore left to whoever moved it, and taken over only after.
 */
final class Refunds {

    /**
     * Longer than any writer takes from a move to its refund, and than any submission attempt lasts
     * (a dispatcher runs for at most a minute): past it, what a writer left half-done is abandoned.
     */
    static final Duration LEASE = Duration.ofMinutes(5);

    private final MessageLedger ledger;
    private final Credit credit;

    Refunds(MessageLedger ledger, Credit credit) {
        this.ledger = ledger;
        this.credit = credit;
    }

    /** Moves the message to {@code status} and refunds it; the state written when this call made the move. */
    Optional<MessageState> end(MessageKey key, String to, int parts, MessageState.Status status, String errorCode, Instant now) {
        Optional<MessageState> ended = ledger.finish(key, to, parts, status, errorCode, now);
        if (ended.isPresent()) {
            payOwed(key, parts);
        }
        return ended;
    }

    /** Cancels the message if no attempt at it is under way, and refunds it; the state written when this call moved it. */
    Optional<MessageState> cancel(MessageKey key, String to, int parts, Instant now) {
        Optional<MessageState> cancelled = ledger.cancel(key, to, parts, now);
        if (cancelled.isPresent()) {
            payOwed(key, parts);
        }
        return cancelled;
    }

    /** Whether the message's owed refund may be in payment by the writer that moved it (within the lease). */
    static boolean mayBeInPayment(MessageRecord record, Instant now) {
        return record.refundDue() > 0 && recent(record, now);
    }

    /**
     * Whether a dispatcher must leave the message's owed refund alone: a cancellation moved it
     * within the lease and pays it itself (a dispatcher otherwise pays what it finds owed at once).
     */
    static boolean leftToItsCanceller(MessageRecord record, Instant now) {
        return record.state().status() == MessageState.Status.CANCELLED && mayBeInPayment(record, now);
    }

    /** Whether the record was written within the lease (one without a time counts as recent: nothing is known). */
    static boolean recent(MessageRecord record, Instant now) {
        Instant at = record.state().updatedAt();
        return at == null || at.isAfter(now.minus(LEASE));
    }

    /** Pays the refund of {@code parts} a final move noted on the message, once. */
    void payOwed(MessageKey key, int parts) {
        credit.refundOnce(key.accountId(), key.messageId(), parts);
        ledger.refundPaid(key);
        credit.forgetRefund(key.accountId(), key.messageId());
    }
}
