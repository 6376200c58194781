package com.ninebits.sms.domain.receipt;

import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.Transition;

import java.time.Instant;

/** Status moves that delivery reports make; each one conditional, so repeated or late reports change nothing. */
public interface ReceiptLedger {

    /** What applying a report did. */
    enum Applied {
        /** The message moved to the reported status. */
        MOVED,
        /** The message is already there, further on, or final: nothing changed. */
        IGNORED,
        /** No such message has been handed to an SMSC: the report is kept aside. */
        UNKNOWN_MESSAGE
    }

    /**
     * What a report did, with the message as it now stands (null when unknown) and its batch's
     * subscription to delivery reports (null: none was asked for).
     */
    record Move(Applied applied, MessageState state, Subscription subscription) {
    }

    /**
     * Moves the message to {@code status} if it may move there from where it stands
     * ({@link Transition#forwardTo}: only forward, never out of a final status), recording both
     * timestamps in its history.
     */
    Move apply(MessageKey key, MessageState.Status status, String smscMessageId, Instant smscTimestamp,
                  String errorCode, Instant now);

    /** Keeps a report that matched no message, for the operator to look at; none is dropped. */
    void keepUnmatched(DeliveryReceipt receipt, Instant now);
}
