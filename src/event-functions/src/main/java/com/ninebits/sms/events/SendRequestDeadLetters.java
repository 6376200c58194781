package com.ninebits.sms.events;

import com.ninebits.sms.adapters.config.QueueConfig;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Map;

/**
 * The send-request dead-letter queue, which takes both what the redrive policy moves there and
 * the requests the gateway refused, the latter with their problem attached.
 */
@ApplicationScoped
class SendRequestDeadLetters {

    private final SqsClient sqs;
    private final QueueConfig queues;

    SendRequestDeadLetters(SqsClient sqs, QueueConfig queues) {
        this.sqs = sqs;
        this.queues = queues;
    }

    /** Returns the dead-letter message id; throws when SQS did not take the message. */
    String send(String body, Map<String, MessageAttributeValue> attributes) {
        String url = queues.sendrequestsdlq().orElseThrow(() -> new IllegalStateException(
                "sms.queue.sendrequestsdlq (env SMS_QUEUE_SENDREQUESTSDLQ) is not set"));
        return sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(attributes)).messageId();
    }
}
