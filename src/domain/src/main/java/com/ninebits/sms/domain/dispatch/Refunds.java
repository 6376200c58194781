package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.account.Credit;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageState;

import java.time.Instant;
import java.util.Optional;

/**
 * Ends a message that never reached the SMSC in a final status that gives its parts back, and
 * pays that refund exactly once however often it is asked: the final move notes the refund owed
 * (same conditional write), the payment is made under the message's id (a repeat pays nothing),
 * then the note on the message is removed, then the payment's note. A stop between any two steps
 * leaves the message owing, and whoever next meets it ({@link #payOwed}) finishes the job. The
 * dispatcher and the dead-letter consumer both end messages through here.
 */
final class Refunds {

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

    /** Pays the refund of {@code parts} a final move noted on the message, once. */
    void payOwed(MessageKey key, int parts) {
        credit.refundOnce(key.accountId(), key.messageId(), parts);
        ledger.refundPaid(key);
        credit.forgetRefund(key.accountId(), key.messageId());
    }
}
