package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.Transition;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Per-message records and their status moves. Every move is one conditional write, so applying
 * it twice, or racing another dispatcher, changes nothing the second time; its condition is the
 * move's {@link Transition}. A move answers with the message as it wrote it, or empty when it
 * did not move it.
 */
public interface MessageLedger {

    /** The error code of a message whose dispatcher stopped while submitting it. */
    String INTERRUPTED = "dispatcher_interrupted";

    /** The error code of a message the SMSC received but never answered for (timeout, dropped connection). */
    String NO_ANSWER = "smsc_no_answer";

    /** Records of the messages with index in [from, to), by index. */
    Map<Integer, MessageRecord> records(String accountId, String referenceId, int from, int to);

    /**
     * Claims submission attempt {@code attempt} (1 for the first): only if the message is queued,
     * has had exactly {@code attempt - 1} claims and none is under way. False: somebody else has it.
     */
    default boolean claim(MessageKey key, String to, int parts, int attempt, Instant now) {
        return claim(key, to, parts, null, attempt, now);
    }

    /**
     * As above, recording the batch's subscription to delivery reports (null: none) on the message,
     * where the delivery reports that follow find it.
     */
    boolean claim(MessageKey key, String to, int parts, Subscription subscription, int attempt, Instant now);

    /**
     * queued → dispatched for the claimed attempt ({@link Transition#ofClaimedAttempt}), with the
     * SMSC's message id. A message a delivery report moved on meanwhile keeps its status: the
     * attempt is closed and the SMSC's id recorded, and the answer is empty (no move).
     */
    Optional<MessageState> dispatched(MessageKey key, int attempt, String smscMessageId, Instant now);

    /** Gives a claimed attempt back after a temporary failure, so that a later attempt may be claimed. */
    void release(MessageKey key, int attempt, String reason, Instant now);

    /**
     * Takes back a claimed attempt that was never submitted (the chunk stopped before its turn),
     * as if it had not been claimed: the same attempt may be claimed again, and it does not count
     * towards the message's attempts.
     */
    void withdraw(MessageKey key, int attempt);

    /**
     * in flight → {@code unknown} (with {@code errorCode}) for an attempt whose SMSC answer was never
     * recorded (its dispatcher died, or the SMSC did not answer): it may have been sent, so it is
     * never submitted again. Only a message still {@code queued} moves
     * ({@link Transition#ofClaimedAttempt}): one a delivery report already moved on keeps its
     * status, only the attempt is closed, and the answer is empty.
     */
    Optional<MessageState> abandon(MessageKey key, int attempt, String errorCode, Instant now);

    /**
     * Moves the message to the final {@code status} if it may move there
     * ({@link Transition#forwardTo}; creating the record if there is none), noting in the same write
     * that a refund of its {@code parts} is owed. Present when this call made the move: the caller
     * then pays the refund and says so with {@link #refundPaid}.
     */
    Optional<MessageState> finish(MessageKey key, String to, int parts, MessageState.Status status, String errorCode,
                                  Instant now);

    /** The refund the message's final move owed is paid: forgets that it is owed. */
    void refundPaid(MessageKey key);

    /**
     * queued with no attempt under way (or no record yet) → {@code cancelled}
     * ({@link Transition#beforeDispatch}), noting in the same write that a refund of its
     * {@code parts} is owed, as {@link #finish} does. A claim needs the same message queued with no
     * attempt under way, so of the two racing for it exactly one wins: a message is either
     * submitted or cancelled. Present when this call made the move.
     */
    Optional<MessageState> cancel(MessageKey key, String to, int parts, Instant now);
}
