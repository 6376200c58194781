package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.adapters.config.QueueConfig;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.dispatch.AbandonedDispatch;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.ninebits.sms.testsupport.QueueReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dispatch queue's dead-letter consumer as Lambda runs it: a chunk moved from the real dispatch
 * queue to its real dead-letter queue, handed to the function as the SQS event Lambda makes of it.
 * Invariant: nothing is left charged there; each message still queued ends failed
 * ({@code dispatch_abandoned}) and is refunded exactly once, however often the dead letter comes,
 * with its callback where the batch asked for reports.
 */
@QuarkusTest
@TestProfile(DispatchDeadLetterHandlerTest.DeadLetters.class)
class DispatchDeadLetterHandlerTest {

    public static class DeadLetters implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "dispatch-dead-letters", "%test.quarkus.lambda.handler",
                    "dispatch-dead-letters");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalStackResource.class, Map.of(LocalStackResource.FUNCTION_ARG,
                    "DispatchDeadLetterFunction", LocalStackResource.ALLOW_INSECURE_WEBHOOKS_ARG, "true")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final String DEAD_LETTERS = "DispatchDeadLetterQueue";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    Customers customers;
    @Inject
    MessageLedger ledger;
    @Inject
    WebhookSettings webhooks;
    @Inject
    SqsClient sqs;
    @Inject
    QueueConfig queues;

    private final DispatchQueueDriver dispatchQueue = new DispatchQueueDriver();

    @Test
    void everyMessageStillQueuedEndsFailedRefundedOnceThoughTheDeadLetterComesTwice() {
        String account = customers.open(100, null);
        webhooks.set(account, "http://127.0.0.1:9/hook");
        List<String> to = List.of(Customers.number(), Customers.number(), Customers.number());
        Batch batch = customers.sendWithReports(account, to, "Abandoned");
        // The first message went out before its chunk was given up on.
        MessageKey first = new MessageKey(account, batch.referenceId(), 0);
        assertTrue(ledger.claim(first, Customers.digits(to.get(0)), 1, null, 1, Instant.now()));
        assertTrue(ledger.dispatched(first, 1, "smsc-1", Instant.now()).isPresent());
        String event = SqsEvents.event(deadLettered(account).stream().map(this::record).toArray(ObjectNode[]::new));

        assertEquals(List.of(), SqsEvents.invoke(event));
        assertEquals(List.of(), SqsEvents.invoke(event), "the same dead letters delivered again");

        List<MessageState> messages = customers.messages(account, batch);
        assertEquals(List.of(MessageState.Status.DISPATCHED, MessageState.Status.FAILED, MessageState.Status.FAILED),
                messages.stream().map(MessageState::status).toList());
        assertEquals(AbandonedDispatch.ABANDONED, messages.get(1).errorCode());
        assertEquals(100 - 3 + 2, customers.balance(account), "two refunds, each once");
        List<StatusEvent> told = callbackEvents(batch);
        assertEquals(2, told.size(), "one failed event for each of the two, not repeated: " + told);
        assertTrue(told.stream().allMatch(e -> e.status() == MessageState.Status.FAILED
                && AbandonedDispatch.ABANDONED.equals(e.errorCode())), told.toString());
    }

    @Test
    void aDeadLetterThatIsNoChunkIsDroppedAndTheAccountsNextOneIsStillEnded() {
        String account = customers.open(100, null);
        Batch batch = customers.send(account, List.of(Customers.number(), Customers.number()), "After poison");
        ObjectNode poison = SqsEvents.record("{\"not\":\"a chunk\"}");
        ((ObjectNode) poison.get("attributes")).put("MessageGroupId", account);
        List<ObjectNode> records = new ArrayList<>(List.of(poison));
        deadLettered(account).stream().map(this::record).forEach(records::add);

        assertEquals(List.of(), SqsEvents.invoke(SqsEvents.event(records.toArray(ObjectNode[]::new))));

        assertEquals(List.of(MessageState.Status.FAILED, MessageState.Status.FAILED), customers.statuses(account, batch));
        assertEquals(100, customers.balance(account), "both refunded");
    }

    /** Moves the account's chunks from the dispatch queue to its dead-letter queue, as redrive would; what the DLQ then holds. */
    private List<Message> deadLettered(String account) {
        LocalStack stack = LocalStack.shared();
        String deadLetters = stack.queueUrl(DEAD_LETTERS);
        for (Message chunk : dispatchQueue.receiveSome(account, PATIENCE)) {
            sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(chunk.body()).messageGroupId(account)
                    .messageDeduplicationId(UUID.randomUUID().toString()));
            dispatchQueue.delete(chunk);
        }
        List<Message> mine = new ArrayList<>();
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (mine.isEmpty() && System.nanoTime() < giveUp) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(deadLetters).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("All")).messages()) {
                if (account.equals(m.attributesAsStrings().get("MessageGroupId"))) {
                    mine.add(m);
                    sqs.deleteMessage(b -> b.queueUrl(deadLetters).receiptHandle(m.receiptHandle()));
                } else {
                    sqs.changeMessageVisibility(b -> b.queueUrl(deadLetters).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
                }
            }
        }
        assertTrue(!mine.isEmpty(), "nothing of " + account + " reached the dead-letter queue");
        return mine;
    }

    private ObjectNode record(Message message) {
        return SqsEvents.record(message, LocalStack.shared().queueArn(DEAD_LETTERS));
    }

    private List<StatusEvent> callbackEvents(Batch batch) {
        return QueueReader.take(sqs, queues.callbacks().orElseThrow(), body -> body.contains(batch.referenceId())).stream()
                .map(body -> StatusEventJson.readTask(body).event()).toList();
    }
}
