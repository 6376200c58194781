package com.ninebits.sms.domain.batch;

/** Hands accepted batches to the dispatchers: in order per account, in chunks of recipients. */
public interface DispatchQueue {

    void enqueue(Batch batch);
}
