package com.ninebits.sms.domain.batch;

/** Hands accepted batches to the dispatchers: in order per account, in chunks of recipients. */
public interface DispatchQueue {

    void enqueue(Batch batch);

    /**
     * Hands the messages of a cancelled batch from index {@code from} on to the dispatchers, which
     * end each one still queued {@code cancelled} (submitting none): the part of a cancellation too
     * large for one request. They go apart from the account's sends, so that none waits behind them.
     */
    void enqueueCancellation(Batch batch, int from);
}
