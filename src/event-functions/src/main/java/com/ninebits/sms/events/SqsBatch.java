package com.ninebits.sms.events;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.ninebits.sms.adapters.logging.LogText.loggable;

/**
 * The walk over an SQS event, written once for every SQS handler, in the shape of Powertools'
 * {@code processBatch(event, context)}: each record goes to the handler's record handler, which
 * says whether the record is finished with; every other record, and one whose handler threw, is
 * reported in {@code batchItemFailures} (the event source mappings set
 * {@code ReportBatchItemFailures}), so that SQS offers it again and, after the queue's
 * {@code maxReceiveCount}, its redrive policy moves it to the dead-letter queue.
 *
 * <p>Three ways to walk: {@link #sequential one record after another}; {@link #parallel in
 * parallel} on a fixed pool, for records that wait on a remote party; and {@link #fifoGroups FIFO
 * with message groups held back}: once a record of a group is handed back, the group's later
 * records in the event are handed back with it, unprocessed (with the same delay), so that none
 * overtakes it, as SQS FIFO requires; other groups go on.
 *
 * <p>Written here rather than taken from Powertools' {@code powertools-batch}, whose FIFO walk
 * fails the whole rest of an event after one failure and cannot delay a record (README, "SQS
 * handlers").
 */
final class SqsBatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SqsBatch.class);

    /** What became of one record. */
    sealed interface Result permits Done, HandBack {

        /** Finished with: SQS deletes it. */
        Result DONE = new Done();

        /** Offered again after the queue's visibility timeout. */
        Result HAND_BACK = new HandBack(null);

        /** Offered again after {@code after}, where the walk can set visibility ({@link #fifoGroups}). */
        static Result handBackAfter(Duration after) {
            return new HandBack(Objects.requireNonNull(after, "after"));
        }
    }

    record Done() implements Result {
    }

    /** {@code after} null leaves the record to the queue's visibility timeout. */
    record HandBack(Duration after) implements Result {
    }

    /** Handles one record; may throw, which hands the record back. */
    @FunctionalInterface
    interface RecordHandler {
        Result handle(SQSEvent.SQSMessage record);
    }

    /** Makes a handed-back record visible again after {@code after}; best effort, never throws. */
    @FunctionalInterface
    interface Visibility {
        void delay(SQSEvent.SQSMessage record, Duration after);
    }

    private enum Walk { SEQUENTIAL, PARALLEL, FIFO_GROUPS }

    private final String name;
    private final Walk walk;
    private final ExecutorService workers;
    private final Visibility visibility;

    private SqsBatch(String name, Walk walk, ExecutorService workers, Visibility visibility) {
        this.name = name;
        this.walk = walk;
        this.workers = workers;
        this.visibility = visibility;
    }

    /** {@code name} starts the log line of a record whose handler threw. */
    static SqsBatch sequential(String name) {
        return new SqsBatch(name, Walk.SEQUENTIAL, null, null);
    }

    /** Every record of an event at once, on up to {@code threads} threads that live as long as this. */
    static SqsBatch parallel(String name, int threads) {
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name.replace(' ', '-') + "-worker");
            t.setDaemon(true);
            return t;
        });
        return new SqsBatch(name, Walk.PARALLEL, workers, null);
    }

    /** In order, holding back the rest of a group (attribute {@code MessageGroupId}) once one of its records is handed back. */
    static SqsBatch fifoGroups(String name, Visibility visibility) {
        return new SqsBatch(name, Walk.FIFO_GROUPS, null, Objects.requireNonNull(visibility, "visibility"));
    }

    /** {@link #fifoGroups(String, Visibility)} for records only ever handed back to the queue's visibility timeout. */
    static SqsBatch fifoGroups(String name) {
        return new SqsBatch(name, Walk.FIFO_GROUPS, null, null);
    }

    SQSBatchResponse process(SQSEvent event, RecordHandler handler) {
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<Result> results = walk == Walk.PARALLEL ? inParallel(records, handler) : null;
        Map<String, Result> heldGroups = new HashMap<>();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage record = records.get(i);
            String group = groupOf(record);
            Result result;
            if (results != null) {
                result = results.get(i);
            } else if (walk == Walk.FIFO_GROUPS && heldGroups.containsKey(group)) {
                // Offered again together with the record it waits behind, not a whole visibility timeout later.
                result = heldGroups.get(group);
            } else {
                result = run(handler, record);
            }
            if (result instanceof HandBack back) {
                if (walk == Walk.FIFO_GROUPS) {
                    heldGroups.putIfAbsent(group, back);
                }
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(record.getMessageId()).build());
                if (back.after() != null && visibility != null) {
                    visibility.delay(record, back.after());
                }
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private List<Result> inParallel(List<SQSEvent.SQSMessage> records, RecordHandler handler) {
        List<Future<Result>> running = new ArrayList<>(records.size());
        for (SQSEvent.SQSMessage record : records) {
            running.add(workers.submit(() -> run(handler, record)));
        }
        List<Result> results = new ArrayList<>(records.size());
        for (Future<Result> result : running) {
            try {
                results.add(result.get());
            } catch (ExecutionException e) {
                results.add(Result.HAND_BACK);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.add(Result.HAND_BACK);
            }
        }
        return results;
    }

    private Result run(RecordHandler handler, SQSEvent.SQSMessage record) {
        try {
            return Objects.requireNonNull(handler.handle(record), "a record handler answered null");
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s message=%s outcome=retry error=%s", name, loggable(record.getMessageId()),
                    e.getClass().getName());
            return Result.HAND_BACK;
        }
    }

    /** The record's message group; empty on a standard queue, whose records then count as one group. */
    static String groupOf(SQSEvent.SQSMessage record) {
        Map<String, String> attributes = record.getAttributes();
        String group = attributes == null ? null : attributes.get("MessageGroupId");
        return group == null ? "" : group;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
