package com.ninebits.sms.domain.batch;

import com.ninebits.sms.domain.Fault;

import java.util.ArrayList;
import java.util.List;

/** Keeps every batch handed to it, in order, with the token its messages would carry. */
public final class RecordingDispatchQueue implements DispatchQueue {

    public final Fault enqueue = new Fault("enqueue");

    private final List<Batch> enqueued = new ArrayList<>();

    @Override
    public void enqueue(Batch batch) {
        int n = enqueue.enter();
        synchronized (this) {
            enqueued.add(batch);
        }
        enqueue.leave(n);
    }

    public synchronized List<Batch> enqueued() {
        return List.copyOf(enqueued);
    }

    public synchronized List<String> references() {
        return enqueued.stream().map(Batch::referenceId).toList();
    }
}
