package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.QueueReader;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;

/** The dispatch queue as seen from the API's tests: each test's account is its own message group. */
final class ApiQueue {

    private ApiQueue() {
    }

    /**
     * Takes every dispatch-queue message of {@code accountId}'s group off the queue and returns their
     * bodies; other groups' messages are left on it.
     */
    static List<String> takeAll(String accountId) {
        return takeAll(LocalStack.shared(), accountId);
    }

    /** {@link #takeAll(String)} on a stack of a test's own. */
    static List<String> takeAll(LocalStack stack, String accountId) {
        return QueueReader.takeMessages(stack.sqs(), stack.queueUrl("DispatchQueue"),
                        m -> accountId.equals(m.attributesAsStrings().get("MessageGroupId")))
                .stream().map(Message::body).toList();
    }
}
