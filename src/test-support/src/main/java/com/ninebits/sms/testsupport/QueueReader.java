package com.ninebits.sms.testsupport;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Takes a test's own messages off a shared queue, leaving other tests' messages for them. */
public final class QueueReader {

    private QueueReader() {
    }

    /**
     * The bodies of the messages on {@code queueUrl} that {@code mine} accepts, deleted from it;
     * several receives a second apart, since SQS may answer one receive with only some messages.
     */
    public static List<String> take(SqsClient sqs, String queueUrl, Predicate<String> mine) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                if (mine.test(m.body())) {
                    out.add(m.body());
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                }
            }
        }
        return out;
    }
}
