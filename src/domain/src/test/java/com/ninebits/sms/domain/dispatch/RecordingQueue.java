package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.DispatchQueue;

import java.util.ArrayList;
import java.util.List;

/** Keeps every batch handed to it, in order. */
final class RecordingQueue implements DispatchQueue {

    final List<Batch> enqueued = new ArrayList<>();

    @Override
    public void enqueue(Batch batch) {
        enqueued.add(batch);
    }

    List<String> references() {
        return enqueued.stream().map(Batch::referenceId).toList();
    }
}
