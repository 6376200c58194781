package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.Batch;

import java.util.ArrayList;
import java.util.List;

/** Keeps every cancellation handed on, in order. */
final class RecordingCancellationQueue implements CancellationQueue {

    /** A cancellation handed on: the batch and the first index left to cancel. */
    record HandedOn(Batch batch, int from) {
    }

    private final List<HandedOn> handedOn = new ArrayList<>();

    @Override
    public synchronized void enqueueCancellation(Batch batch, int from) {
        handedOn.add(new HandedOn(batch, from));
    }

    synchronized List<HandedOn> cancellations() {
        return List.copyOf(handedOn);
    }
}
