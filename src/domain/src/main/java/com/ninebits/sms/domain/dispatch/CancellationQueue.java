package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.Batch;

/**
 * Hands the part of a cancellation too large for one request to the dispatchers: the messages of
 * a cancelled batch from index {@code from} on, which they end {@code cancelled} (submitting none).
 * They go apart from the account's sends, so that none waits behind them.
 */
public interface CancellationQueue {

    void enqueueCancellation(Batch batch, int from);
}
