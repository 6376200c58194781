package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.QueueReader;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Plays Lambda's SQS event source mapping for the dispatch queue (BatchSize 10,
 * ReportBatchItemFailures), for one message group at a time: it receives from the real local
 * queue with the queue's own visibility timeout, hands the messages to the dispatcher through the
 * Lambda mock event server as a real SQS event, and deletes every record the answer does not list
 * as failed; a failed record is left alone, as Lambda leaves it. Tests share the queue and each
 * uses a fresh account (group), so another group's message is handed straight back.
 */
final class DispatchQueueDriver {

    static final String QUEUE = "DispatchQueue";

    private final SqsClient sqs;
    private final String url;
    private final String arn;

    DispatchQueueDriver() {
        this(LocalStack.shared());
    }

    /** For a test on a stack of its own. */
    DispatchQueueDriver(LocalStack stack) {
        this.sqs = stack.sqs();
        this.url = stack.queueUrl(QUEUE);
        this.arn = stack.queueArn(QUEUE);
    }

    /** One invocation: the messages it carried, the event as sent, and the ids reported as failed. */
    record Delivery(List<Message> messages, String event, List<String> failed) {

        boolean failed(Message message) {
            return failed.contains(message.messageId());
        }
    }

    /**
     * The group's messages one receive returns once any is visible, in group order; empty if none
     * came within {@code patience}.
     */
    List<Message> receive(String group, Duration patience) {
        return QueueReader.receive(sqs, url, m -> group.equals(m.attributesAsStrings().get("MessageGroupId")), patience);
    }

    /** The group's next messages; fails the test if none arrives within {@code patience}. */
    List<Message> receiveSome(String group, Duration patience) {
        List<Message> mine = receive(group, patience);
        if (mine.isEmpty()) {
            throw new AssertionError("no dispatch message of group " + group + " within " + patience);
        }
        return mine;
    }

    /** Invokes the dispatcher with these messages as one event, then deletes the ones it did not report as failed. */
    Delivery deliver(List<Message> messages) {
        Delivery delivery = invoke(messages);
        settle(delivery);
        return delivery;
    }

    /** Invokes the dispatcher without deleting anything: a delivery whose deletion never happened. */
    Delivery invoke(List<Message> messages) {
        String event = SqsEvents.event(messages.stream().map(this::record).toArray(ObjectNode[]::new));
        return new Delivery(messages, event, SqsEvents.invoke(event));
    }

    /** The same event once more, as SQS redelivers messages whose deletion did not happen. */
    Delivery redeliver(Delivery earlier) {
        return new Delivery(earlier.messages(), earlier.event(), SqsEvents.invoke(earlier.event()));
    }

    /** Deletes the records of {@code delivery} that were not reported as failed. */
    void settle(Delivery delivery) {
        delivery.messages().stream().filter(m -> !delivery.failed(m)).forEach(this::delete);
    }

    void delete(Message message) {
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
    }

    /** Puts a message on the dispatch queue in {@code group}, as something other than the gateway's own enqueue would. */
    void send(String group, String body) {
        sqs.sendMessage(b -> b.queueUrl(url).messageGroupId(group).messageDeduplicationId(UUID.randomUUID().toString())
                .messageBody(body));
    }

    private ObjectNode record(Message message) {
        return SqsEvents.record(message, arn);
    }
}
