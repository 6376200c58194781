package com.ninebits.sms.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * DynamoDB and SQS requests counted at the client inside every function process (the adapters'
 * request counter, on when {@code SMS_BENCH_COUNTERS} names a directory: a file per process,
 * rewritten every second), summed over the processes, plus what the local event source mappings
 * asked of SQS. Keys are {@code DynamoDb.PutItem}, {@code DynamoDb.BatchWriteItem.items}, {@code Sqs.SendMessage}, ….
 */
record RequestTally(Map<String, Long> counts) {

    /** How often the function processes rewrite their counts: wait this long for a final count to be on disk. */
    static final long FLUSH_MILLIS = 2_200;

    static RequestTally read(Path dir, long eventSourceRequests) {
        RequestTally functions = read(dir, "");
        functions.counts.put("EventSourceMapping.Sqs", eventSourceRequests);
        return functions;
    }

    /** The counts of one function's processes only (those whose name starts with {@code function}). */
    static RequestTally read(Path dir, String function) {
        Map<String, Long> sum = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(function)
                    && f.toString().endsWith(".counts")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    String[] kv = line.split(" ");
                    if (kv.length == 2) {
                        sum.merge(kv[0], Long.parseLong(kv[1]), Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RequestTally(sum);
    }

    RequestTally minus(RequestTally before) {
        Map<String, Long> diff = new TreeMap<>();
        counts.forEach((k, v) -> {
            long d = v - before.counts.getOrDefault(k, 0L);
            if (d != 0) {
                diff.put(k, d);
            }
        });
        return new RequestTally(diff);
    }

    private long get(String key) {
        return counts.getOrDefault(key, 0L);
    }

    /** Items written: every PutItem, UpdateItem and DeleteItem, and each item of a BatchWriteItem (a write unit each, up to 1 KB). */
    long dynamoWrites() {
        return get("DynamoDb.PutItem") + get("DynamoDb.UpdateItem") + get("DynamoDb.DeleteItem")
                + get("DynamoDb.BatchWriteItem.items");
    }

    /** Read requests: GetItem, Query and Scan requests (a page each), and each key of a BatchGetItem. */
    long dynamoReads() {
        return get("DynamoDb.GetItem") + get("DynamoDb.Query") + get("DynamoDb.Scan") + get("DynamoDb.BatchGetItem.items");
    }

    /** SQS requests: the functions' own (a batch call is one request) and the event source mappings' receives and deletes. */
    long sqsRequests() {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith("Sqs.") && !e.getKey().endsWith(".items")
                        && !e.getKey().endsWith(".micros"))
                .mapToLong(Map.Entry::getValue).sum() + get("EventSourceMapping.Sqs");
    }

    /** One line: per-operation counts divided by the messages, and each operation's mean wait for its answer. */
    String perMessage(int messages) {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> {
            if (k.endsWith(".micros") || k.endsWith(".items")) {
                return;
            }
            b.append(b.isEmpty() ? "" : ", ").append(k).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.4f", (double) v / messages));
            if (counts.containsKey(k + ".items")) {
                b.append(String.format(java.util.Locale.ROOT, " (%.4f items)", (double) get(k + ".items") / messages));
            }
            if (counts.containsKey(k + ".micros")) {
                b.append(String.format(java.util.Locale.ROOT, " [%.1f ms each]", get(k + ".micros") / 1000.0 / v));
            }
        });
        return b.toString();
    }
}
