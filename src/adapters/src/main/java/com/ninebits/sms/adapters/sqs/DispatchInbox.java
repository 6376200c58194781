package com.ninebits.sms.adapters.sqs;

import com.ninebits.sms.domain.batch.DispatchChunk;

import java.time.Duration;

/**
 * The dispatch queue as the dispatcher receives it: reading a message, handing it back to be
 * offered again later, or putting an unreadable one aside at once. Not a domain port: receipt
 * handles and dead-letter queues are SQS's, and only the dispatcher's handler uses them.
 */
public interface DispatchInbox {

    /**
     * How soon a chunk whose dispatch failed unexpectedly (a store down) is offered again: soon,
     * since its account's later chunks wait behind it, but not at once.
     */
    Duration AFTER_ERROR = Duration.ofSeconds(5);

    /** How soon an unreadable message is offered again when the dead-letter queue refused it. */
    Duration AFTER_DEAD_LETTER_REFUSED = Duration.ofSeconds(30);

    /**
     * The chunk a message carries; throws {@link IllegalArgumentException} when it carries none (not
     * JSON of a chunk, or one without its account, reference, token or recipients).
     */
    DispatchChunk read(String body);

    /**
     * Has SQS offer a received message again after {@code after} (rounded up to whole seconds,
     * at most 12 hours) instead of the queue's visibility timeout. Best effort: when SQS refuses,
     * the visibility timeout brings it back later instead.
     */
    void handBack(String messageId, String receiptHandle, Duration after);

    /**
     * Moves a message no dispatcher can read to the dead-letter queue now, with the problem
     * attached: handed back instead, it would hold its account's later chunks through every one
     * of the queue's receives. Throws when the dead-letter queue did not take it.
     */
    void deadLetter(String messageId, String groupId, String body, String problem);
}
