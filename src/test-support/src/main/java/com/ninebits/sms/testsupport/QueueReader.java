package com.ninebits.sms.testsupport;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How tests read a queue they share with other tests: each takes (or looks at) only its own
 * messages, found by a predicate, and leaves the others' messages for them. Every message comes
 * with its system and message attributes.
 */
public final class QueueReader {

    /** Receives in a row that brought none of the caller's messages before the queue counts as read. */
    private static final int IDLE_RECEIVES = 2;
    /** Receives made by a look: SQS may answer one receive with only some of the messages. */
    private static final int PEEK_RECEIVES = 3;

    private QueueReader() {
    }

    /** The bodies of the messages on {@code queueUrl} whose body {@code mine} accepts, deleted from it. */
    public static List<String> take(SqsClient sqs, String queueUrl, Predicate<String> mine) {
        return takeMessages(sqs, queueUrl, m -> mine.test(m.body())).stream().map(Message::body).toList();
    }

    /**
     * The messages on {@code queueUrl} that {@code mine} accepts, deleted from it, in the order
     * received. Receives until two in a row bring none of them, each waiting up to a second, so that
     * a queue holding more than one receive's worth is read to its end. The others' messages stay in
     * flight while the read goes on (so that it gets past them) and are made visible again after it.
     */
    public static List<Message> takeMessages(SqsClient sqs, String queueUrl, Predicate<Message> mine) {
        List<Message> taken = new ArrayList<>();
        List<Message> others = new ArrayList<>();
        int idle = 0;
        try {
            while (idle < IDLE_RECEIVES) {
                boolean any = false;
                for (Message m : receive(sqs, queueUrl, 1, 10, null)) {
                    if (mine.test(m)) {
                        taken.add(m);
                        any = true;
                        delete(sqs, queueUrl, m);
                    } else {
                        others.add(m);
                    }
                }
                idle = any ? 0 : idle + 1;
            }
        } finally {
            others.forEach(m -> release(sqs, queueUrl, m));
        }
        return taken;
    }

    /**
     * Waits up to {@code patience} for messages {@code match} accepts: those of the first receive
     * that brings any, left in flight (the caller holds their receipt handles), or none. The others'
     * messages received meanwhile are made visible again at once.
     */
    public static List<Message> receive(SqsClient sqs, String queueUrl, Predicate<Message> match, Duration patience) {
        long until = System.nanoTime() + patience.toNanos();
        do {
            List<Message> found = new ArrayList<>();
            for (Message m : receive(sqs, queueUrl, 1, 10, null)) {
                if (match.test(m)) {
                    found.add(m);
                } else {
                    release(sqs, queueUrl, m);
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
        } while (System.nanoTime() < until);
        return List.of();
    }

    /** The next message, whichever it is, deleted from the queue; any others received with it are made visible again. */
    public static Message takeNext(SqsClient sqs, String queueUrl, Duration patience) {
        List<Message> received = receive(sqs, queueUrl, m -> true, patience);
        if (received.isEmpty()) {
            throw new AssertionError("nothing arrived on " + queueUrl + " within " + patience);
        }
        delete(sqs, queueUrl, received.get(0));
        received.stream().skip(1).forEach(m -> release(sqs, queueUrl, m));
        return received.get(0);
    }

    /**
     * The messages on {@code queueUrl} that {@code which} accepts, left on it and visible (so that a
     * later look sees them too).
     */
    public static List<Message> peek(SqsClient sqs, String queueUrl, Predicate<Message> which) {
        Map<String, Message> seen = new LinkedHashMap<>();
        for (int i = 0; i < PEEK_RECEIVES; i++) {
            receive(sqs, queueUrl, 0, 10, 0).stream().filter(which).forEach(m -> seen.putIfAbsent(m.messageId(), m));
        }
        return List.copyOf(seen.values());
    }

    /** Deletes every message on the queue, whoever's it is (a test's own queue, or one it alone uses). */
    public static void drain(SqsClient sqs, String queueUrl) {
        List<Message> left;
        do {
            left = receive(sqs, queueUrl, 0, 10, null);
            left.forEach(m -> delete(sqs, queueUrl, m));
        } while (!left.isEmpty());
    }

    private static List<Message> receive(SqsClient sqs, String queueUrl, int waitSeconds, int max, Integer visibility) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(waitSeconds)
                .visibilityTimeout(visibility)
                .messageSystemAttributeNamesWithStrings("All").messageAttributeNames("All")).messages();
    }

    private static void release(SqsClient sqs, String queueUrl, Message m) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    }

    private static void delete(SqsClient sqs, String queueUrl, Message m) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
    }
}
