package com.ninebits.sms.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * One SQS event source mapping: receive a batch, invoke the function with it, delete what the
 * function finished. One batch at a time, as suits a function that runs a single instance.
 */
final class SqsPoller implements AutoCloseable {

    /** Where a mapping reads from, as the template and the local stack name it. */
    record Source(String queueUrl, String queueArn, String region) {
    }

    private final String name;
    private final SqsClient sqs;
    private final Source source;
    private final int batchSize;
    private final boolean reportBatchItemFailures;
    private final Invoker function;
    private final Thread thread;
    private volatile boolean running;
    /** ReceiveMessage calls that returned messages, and DeleteMessageBatch calls (empty long polls are a cost per hour, not per message). */
    private final AtomicLong busyRequests = new AtomicLong();

    SqsPoller(String name, SqsClient sqs, Source source, int batchSize, boolean reportBatchItemFailures,
            Invoker function) {
        this.name = name;
        this.sqs = sqs;
        this.source = source;
        this.batchSize = Math.max(1, Math.min(batchSize, 10));
        this.reportBatchItemFailures = reportBatchItemFailures;
        this.function = function;
        this.thread = new Thread(this::run, "sqs-" + name);
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    private void run() {
        boolean failing = false;
        while (running) {
            try {
                pollOnce();
                failing = false;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!failing) {
                    Console.warn(name + ": polling " + source.queueUrl() + " failed: " + e);
                    failing = true;
                }
                sleepQuietly();
            }
        }
    }

    /** One receive-invoke-delete round; the number of messages received (0 when the queue was empty). */
    int pollOnce() {
        List<Message> batch = sqs.receiveMessage(ReceiveMessageRequest.builder()
                .queueUrl(source.queueUrl())
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds(1)
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")
                .build()).messages();
        if (batch.isEmpty()) {
            return 0;
        }
        busyRequests.incrementAndGet();
        byte[] event = Json.bytes(SqsEvents.event(batch, source.queueArn(), source.region()));
        InvocationResult result = function.invoke(event).join();
        List<Message> done = SqsEvents.toDelete(batch, result, reportBatchItemFailures);
        if (done.size() < batch.size()) {
            Console.info(name + ": " + (batch.size() - done.size()) + " of " + batch.size()
                    + " messages left for redelivery (" + outcome(result) + ")");
        }
        delete(done);
        return batch.size();
    }

    private void delete(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .receiptHandle(messages.get(i).receiptHandle())
                    .build());
        }
        busyRequests.incrementAndGet();
        DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(source.queueUrl()).entries(entries));
        response.failed().forEach(failure -> Console.warn(name + ": could not delete a message: " + failure.message()));
    }

    /** SQS requests this event source mapping made that received or deleted messages. */
    long busyRequests() {
        return busyRequests.get();
    }

    private static String outcome(InvocationResult result) {
        if (result instanceof InvocationResult.Failed failed) {
            return "function error " + failed.errorType() + ": " + failed.errorMessage();
        }
        if (result instanceof InvocationResult.TimedOut) {
            return "function timed out";
        }
        return "reported as batch item failures";
    }

    private static void sleepQuietly() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            // A receive waits at most a second; an invocation in flight ends when its runtime closes.
            thread.join(TimeUnit.SECONDS.toMillis(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
