package com.ninebits.sms.domain.message;


/**
 * A message's record as the dispatcher sees it: its state, how many submissions were claimed,
 * whether one is under way (claimed, no answer recorded yet), and the parts of a refund its final
 * move owes and that is not yet known to be paid (0: none).
 */
public record MessageRecord(MessageState state, int attempts, boolean inFlight, int refundDue) {

    /** When the message, held for its recipient's quiet hours, goes; null when it was never held. */
    public java.time.Instant heldUntil() {
        return state.heldUntil();
    }

    public MessageRecord(MessageState state, int attempts, boolean inFlight) {
        this(state, attempts, inFlight, 0);
    }
}
