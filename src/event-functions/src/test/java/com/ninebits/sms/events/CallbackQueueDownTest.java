package com.ninebits.sms.events;

import com.ninebits.sms.adapters.callback.SqsCallbackQueue;
import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.adapters.config.QueueConfig;
import com.ninebits.sms.adapters.dynamo.DynamoCallbackOutbox;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchSubmission;
import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.batch.MessageStore;
import com.ninebits.sms.domain.batch.SendRequest;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.dispatch.MessageDispatch;
import com.ninebits.sms.domain.sender.SenderId;
import com.ninebits.sms.domain.sender.SenderIdRegistry;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.QueueReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault: SQS refuses the callback queue while the dispatcher stores status moves. Invariant: no
 * status event of a subscribed message is lost: each is kept in the outbox while SQS refuses, and
 * reaches the callback queue, once, when the outbox is drained with SQS back.
 */
@QuarkusTest
@TestProfile(CallbackQueueDownTest.QueueDown.class)
class CallbackQueueDownTest {

    public static class QueueDown extends DispatcherProfile {
        public QueueDown() {
            super("simulator", DispatcherStackResource.class, nobodyListens());
        }

        private static Map<String, String> nobodyListens() {
            String nobody;
            try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
                nobody = "http://127.0.0.1:" + socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("sms.aws.endpoint.sqs", nobody, "sms.queue.callbacks", nobody + "/000000000000/CallbackQueue",
                    "sms.smsc.dlrurl", nobody, "sms.webhook.allowinsecure", "true");
        }
    }

    @Inject
    AccountAdministration administration;
    @Inject
    SenderIdRegistry senderIds;
    @Inject
    WebhookSettings webhooks;
    @Inject
    BatchSubmission submission;
    @Inject
    MessageDispatch dispatch;
    @Inject
    MessageStore messages;
    @Inject
    DynamoCallbackOutbox outbox;

    @Test
    void statusEventsRefusedBySqsAreKeptAndSentOnceSqsIsBack() {
        String account = administration.open(new AccountAdministration.NewAccount("outbox", "NG", 100, null, null, 100L))
                .account().id();
        senderIds.decide(account, "myCode", SenderId.Status.APPROVED);
        webhooks.set(account, "http://127.0.0.1:9/hook");
        // Scheduled, so that accepting it needs no queue: the dispatch below is driven by hand.
        Batch batch = submission.submit(account, new SendRequest("myCode", List.of("2348022000001", "2348022000002"), "Hi",
                null, "yes", Instant.now().plus(Duration.ofHours(1)).toString(), null, "outbox-" + UUID.randomUUID(), null,
                List.of())).batch();

        MessageDispatch.Outcome outcome = dispatch.dispatch(DispatchChunk.of(batch, 250).get(0),
                Instant.now().plusSeconds(20));

        assertInstanceOf(MessageDispatch.Done.class, outcome);
        assertTrue(messages.range(account, batch.referenceId(), 0, 2).values().stream()
                .allMatch(m -> m.status() == MessageState.Status.DISPATCHED));
        LocalStack stack = LocalStack.shared();
        SqsClient sqs = stack.sqs();
        String queueUrl = stack.queueUrl("CallbackQueue");
        QueueConfig up = new QueueConfig() {
            @Override
            public String dispatch() {
                return stack.queueUrl("DispatchQueue");
            }

            @Override
            public Optional<String> dispatchdlq() {
                return Optional.empty();
            }

            @Override
            public Optional<String> sendrequests() {
                return Optional.empty();
            }

            @Override
            public Optional<String> callbacks() {
                return Optional.of(queueUrl);
            }

            @Override
            public Optional<String> sendrequestsdlq() {
                return Optional.empty();
            }
        };
        int resent = 0;
        int sent;
        do {
            sent = new SqsCallbackQueue(sqs, up, outbox, Clock.systemUTC()).drainOutbox();
            resent += sent;
        } while (sent > 0);

        List<StatusEvent> queued = QueueReader.take(sqs, queueUrl,
                        body -> StatusEventJson.readTask(body).event().accountId().equals(account))
                .stream().map(body -> StatusEventJson.readTask(body).event()).toList();
        assertTrue(resent >= 2);
        assertEquals(2, queued.size());
        assertTrue(queued.stream().allMatch(e -> e.status() == MessageState.Status.DISPATCHED));
        assertEquals(2, queued.stream().map(StatusEvent::to).distinct().count());
        Map<String, AttributeValue> key = new HashMap<>(Map.of(":pk", AttributeValue.fromS("CBOUTBOX")));
        assertEquals(0, stack.dynamo().query(b -> b.tableName(stack.tableName("MessagesTable"))
                .keyConditionExpression("pk = :pk").expressionAttributeValues(key)).count());
    }
}
