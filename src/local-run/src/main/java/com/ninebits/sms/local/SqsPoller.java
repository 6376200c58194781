package com.ninebits.sms.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * One SQS event source mapping: receive a batch, invoke the function with it, delete what the
 * function finished. Up to {@code concurrency} invocations at once (see {@link EventSourceScaling}),
 * each with a receiver of its own. Of a FIFO queue, each message group of a batch is invoked on
 * its own: SQS hands out as many messages of one group as it can, where ElasticMQ mixes groups in
 * one receive, which would put several accounts behind one instance. A group is never in two
 * invocations at once: the queue hides its later messages until the earlier ones are deleted.
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
    private final int concurrency;
    private final List<Thread> receivers = new ArrayList<>();
    /** One per invocation in flight: the function's instances. */
    private final Semaphore instances;
    private final ExecutorService invocations;
    private volatile boolean running;
    /** ReceiveMessage calls that returned messages, and DeleteMessageBatch calls (empty long polls are a cost per hour, not per message). */
    private final AtomicLong busyRequests = new AtomicLong();

    SqsPoller(String name, SqsClient sqs, Source source, int batchSize, boolean reportBatchItemFailures,
            Invoker function) {
        this(name, sqs, source, batchSize, reportBatchItemFailures, function, EventSourceScaling.concurrency(source.queueUrl()));
    }

    SqsPoller(String name, SqsClient sqs, Source source, int batchSize, boolean reportBatchItemFailures,
            Invoker function, int concurrency) {
        this.name = name;
        this.sqs = sqs;
        this.source = source;
        this.batchSize = Math.max(1, Math.min(batchSize, 10));
        this.reportBatchItemFailures = reportBatchItemFailures;
        this.function = function;
        this.concurrency = Math.max(1, concurrency);
        this.instances = new Semaphore(this.concurrency);
        this.invocations = Executors.newCachedThreadPool(Threads.daemon("sqs-invoke-" + name));
        for (int i = 1; i <= this.concurrency; i++) {
            Thread receiver = new Thread(this::run, "sqs-" + name + "-" + i);
            receiver.setDaemon(true);
            receivers.add(receiver);
        }
    }

    void start() {
        running = true;
        receivers.forEach(Thread::start);
        if (concurrency > 1) {
            Console.info(name + ": up to " + concurrency + " invocations at once, one per message group ("
                    + EventSourceScaling.CAP_VARIABLE + ")");
        }
    }

    /** Invocations this mapping runs at once at most. */
    int concurrency() {
        return concurrency;
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

    /**
     * One receive-invoke-delete round, each message group of the batch in an invocation of its own
     * as soon as an instance is free; returns once all are done, with the number of messages
     * received (0 when the queue was empty).
     */
    int pollOnce() {
        List<Message> batch = receive();
        if (batch.isEmpty()) {
            return 0;
        }
        busyRequests.incrementAndGet();
        List<CompletableFuture<Void>> groups = new ArrayList<>();
        for (List<Message> group : byGroup(batch).values()) {
            try {
                instances.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // Not invoked, not deleted: the queue offers them again after their visibility timeout.
                break;
            }
            groups.add(CompletableFuture.runAsync(() -> {
                try {
                    invokeAndDelete(group);
                } finally {
                    instances.release();
                }
            }, invocations));
        }
        try {
            CompletableFuture.allOf(groups.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return batch.size();
    }

    private List<Message> receive() {
        return sqs.receiveMessage(ReceiveMessageRequest.builder()
                .queueUrl(source.queueUrl())
                .maxNumberOfMessages(batchSize)
                .waitTimeSeconds(1)
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")
                .build()).messages();
    }

    /** The batch's messages by message group, each group in its order; a standard queue's batch is one group. */
    private static Map<String, List<Message>> byGroup(List<Message> batch) {
        Map<String, List<Message>> groups = new LinkedHashMap<>();
        for (Message message : batch) {
            String group = message.attributesAsStrings().getOrDefault("MessageGroupId", "");
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(message);
        }
        return groups;
    }

    private void invokeAndDelete(List<Message> batch) {
        byte[] event = Json.bytes(SqsEvents.event(batch, source.queueArn(), source.region()));
        InvocationResult result = function.invoke(event).join();
        List<Message> done = SqsEvents.toDelete(batch, result, reportBatchItemFailures);
        if (done.size() < batch.size()) {
            Console.info(name + ": " + (batch.size() - done.size()) + " of " + batch.size()
                    + " messages left for redelivery (" + outcome(result) + ")");
        }
        delete(done);
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
        receivers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        try {
            // A receive waits at most a second; an invocation in flight ends when its runtime closes.
            for (Thread receiver : receivers) {
                receiver.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        invocations.shutdownNow();
    }
}
