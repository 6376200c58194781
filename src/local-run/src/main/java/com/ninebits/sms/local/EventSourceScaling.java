package com.ninebits.sms.local;

import java.util.function.Function;

/**
 * How many invocations at once an SQS event source mapping runs in the local run, and so how many
 * instances its function is given. Lambda runs a FIFO queue's mapping with as many concurrent
 * invocations as the queue has active message groups, up to the mapping's maximum concurrency:
 * each account with a backlog gets a dispatcher of its own. Here every instance is a JVM of its
 * own, so the count is capped: {@value #CAP_VARIABLE} (or the system property
 * {@value #CAP_PROPERTY}), default {@value #DEFAULT_FIFO_CONCURRENCY}. A standard queue's mapping
 * runs one batch at a time.
 */
final class EventSourceScaling {

    static final String CAP_VARIABLE = "SMS_LOCAL_FIFO_CONCURRENCY";
    static final String CAP_PROPERTY = "sms.local.fifoconcurrency";
    static final int DEFAULT_FIFO_CONCURRENCY = 4;
    /** Far beyond what one machine runs as JVMs; a guard against a typo starting hundreds. */
    static final int MAX_FIFO_CONCURRENCY = 32;

    private EventSourceScaling() {
    }

    /** Concurrent invocations of the mapping that reads this queue. */
    static int concurrency(String queueUrl) {
        return isFifo(queueUrl) ? fifoConcurrency() : 1;
    }

    /** Instances a function needs: as many as its busiest mapping invokes at once (one when it has none). */
    static int instances(FunctionSpec spec, Function<String, String> queueUrlOfLogicalId) {
        return spec.queues().stream()
                .mapToInt(q -> concurrency(queueUrlOfLogicalId.apply(q.queueLogicalId())))
                .max().orElse(1);
    }

    /** A FIFO queue's name ends in {@code .fifo}, as SQS requires. */
    static boolean isFifo(String queueUrl) {
        return queueUrl != null && queueUrl.endsWith(".fifo");
    }

    static int fifoConcurrency() {
        String property = System.getProperty(CAP_PROPERTY);
        String variable = System.getenv(CAP_VARIABLE);
        String value = property != null && !property.isBlank() ? property : variable;
        if (value == null || value.isBlank()) {
            return DEFAULT_FIFO_CONCURRENCY;
        }
        int cap;
        try {
            cap = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(CAP_VARIABLE + " must be a number, not '" + value + "'", e);
        }
        if (cap < 1 || cap > MAX_FIFO_CONCURRENCY) {
            throw new IllegalArgumentException(CAP_VARIABLE + " must be 1 to " + MAX_FIFO_CONCURRENCY + ", not " + cap);
        }
        return cap;
    }
}
