package com.ninebits.sms.adapters.aws;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * For the benchmarks only: counts every DynamoDB and SQS request this process sends (each attempt,
 * as AWS bills them), per operation, and the items of batch requests. Off unless the environment
 * variable {@value #SWITCH} names a directory; then the counts are rewritten there every second and
 * at exit, one file per process ({@code <function>-<pid>.counts}, lines {@code Service.Operation n}),
 * with the microseconds spent waiting for the answers ({@code Service.Operation.micros n}).
 */
final class RequestCounts implements ExecutionInterceptor {

    static final String SWITCH = "SMS_BENCH_COUNTERS";

    private static final ExecutionAttribute<Long> SENT_AT = new ExecutionAttribute<>("BenchSentAt");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Path file;

    private RequestCounts(Path file) {
        this.file = file;
    }

    /** One per process, shared by every client, or none when the switch is off. */
    static Optional<RequestCounts> fromEnvironment() {
        return Optional.ofNullable(Holder.INSTANCE);
    }

    private static final class Holder {
        static final RequestCounts INSTANCE = start(System.getenv(SWITCH));

        private static RequestCounts start(String dir) {
            if (dir == null || dir.isBlank()) {
                return null;
            }
            String function = Optional.ofNullable(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).orElse("process");
            RequestCounts counts = new RequestCounts(Path.of(dir, function + "-" + ProcessHandle.current().pid() + ".counts"));
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "request-counts");
                t.setDaemon(true);
                return t;
            });
            writer.scheduleWithFixedDelay(counts::write, 1, 1, TimeUnit.SECONDS);
            Runtime.getRuntime().addShutdownHook(new Thread(counts::write, "request-counts-exit"));
            return counts;
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        add(operation, 1);
        attributes.putAttribute(SENT_AT, System.nanoTime());
        int items = items(context.request());
        if (items > 0) {
            add(operation + ".items", items);
        }
        String kind = itemKind(context.request());
        if (kind != null) {
            add(operation + "@" + kind, 1);
        }
    }

    /**
     * The kind of item a single-item DynamoDB request is about, from its key's prefixes ({@code
     * ACC/PROFILE}, {@code ACC/BATCH}, {@code RATE/RATE}, {@code MSG/n} for a message index), so
     * that a run can say which items its writes went to; null for other requests.
     */
    static String itemKind(SdkRequest request) {
        Map<String, AttributeValue> key = null;
        if (request instanceof GetItemRequest r) {
            key = r.key();
        } else if (request instanceof UpdateItemRequest r) {
            key = r.key();
        } else if (request instanceof DeleteItemRequest r) {
            key = r.key();
        } else if (request instanceof PutItemRequest r) {
            key = r.item();
        }
        if (key == null || !key.containsKey("pk") || !key.containsKey("sk")) {
            return null;
        }
        return prefix(key.get("pk").s()) + "/" + prefix(key.get("sk").s());
    }

    private static String prefix(String keyPart) {
        if (keyPart == null) {
            return "?";
        }
        String head = keyPart.split("#", 2)[0];
        return head.chars().allMatch(Character::isDigit) ? "n" : head.replaceAll("[^A-Za-z_~-]", "");
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sentAt = attributes.getAttribute(SENT_AT);
        if (sentAt != null) {
            add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + ".micros",
                    (System.nanoTime() - sentAt) / 1_000);
        }
    }

    private static int items(SdkRequest request) {
        if (request instanceof BatchWriteItemRequest r) {
            return r.requestItems().values().stream().mapToInt(java.util.List::size).sum();
        }
        if (request instanceof BatchGetItemRequest r) {
            return r.requestItems().values().stream().mapToInt(k -> k.keys().size()).sum();
        }
        if (request instanceof SendMessageBatchRequest r) {
            return r.entries().size();
        }
        if (request instanceof DeleteMessageBatchRequest r) {
            return r.entries().size();
        }
        return 0;
    }

    private void add(String key, long n) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    private synchronized void write() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(counts).forEach((key, n) -> out.append(key).append(' ').append(n.sum()).append('\n'));
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, out);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A benchmark aid: a missed write is caught up by the next one.
        }
    }
}
