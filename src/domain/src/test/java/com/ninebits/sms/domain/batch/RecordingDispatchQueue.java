package com.ninebits.sms.domain.batch;

import java.util.ArrayList;
import java.util.List;

/** Keeps every batch handed to it, in order, with the token its messages would carry. */
final class RecordingDispatchQueue implements DispatchQueue {

    final Fault enqueue = new Fault("enqueue");

    private final List<Batch> enqueued = new ArrayList<>();

    @Override
    public void enqueue(Batch batch) {
        int n = enqueue.enter();
        synchronized (this) {
            enqueued.add(batch);
        }
        enqueue.leave(n);
    }

    synchronized List<Batch> enqueued() {
        return List.copyOf(enqueued);
    }
}
