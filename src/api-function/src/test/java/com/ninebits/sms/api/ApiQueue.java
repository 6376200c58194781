package com.ninebits.sms.api;

import com.ninebits.sms.testsupport.LocalStack;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;

/** The dispatch queue as seen from the API's tests: each test's account is its own message group. */
final class ApiQueue {

    private ApiQueue() {
    }

    /**
     * Takes every dispatch-queue message of {@code accountId}'s group off the queue and returns their
     * bodies; other groups' messages are made visible again at once.
     */
    static List<String> takeAll(String accountId) {
        return takeAll(LocalStack.shared(), accountId);
    }

    /** {@link #takeAll(String)} on a stack of a test's own. */
    static List<String> takeAll(LocalStack stack, String accountId) {
        String url = stack.queueUrl("DispatchQueue");
        List<String> mine = new ArrayList<>();
        int emptyReceives = 0;
        while (emptyReceives < 2) {
            List<Message> got = stack.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(300).messageSystemAttributeNamesWithStrings("MessageGroupId")).messages();
            boolean any = false;
            for (Message m : got) {
                if (accountId.equals(m.attributesAsStrings().get("MessageGroupId"))) {
                    mine.add(m.body());
                    any = true;
                    stack.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                } else {
                    stack.sqs().changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                }
            }
            emptyReceives = any ? 0 : emptyReceives + 1;
        }
        return mine;
    }
}
