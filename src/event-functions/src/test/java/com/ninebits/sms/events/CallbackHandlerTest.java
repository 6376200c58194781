package com.ninebits.sms.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ninebits.sms.adapters.callback.StatusEventJson;
import com.ninebits.sms.adapters.config.QueueConfig;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.callback.CallbackTask;
import com.ninebits.sms.domain.callback.FailedCallbacks;
import com.ninebits.sms.domain.callback.StatusEvent;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.webhook.WebhookSettings;
import com.ninebits.sms.testsupport.CallbackSignatures;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The callback function as Lambda runs it: records from the real local callback queue, POSTs to a
 * real HTTP receiver on this machine, retries coming back through the queue with SQS delays.
 * Invariant: every status event reaches the receiver at least once, always with the same event id
 * and a valid signature, or is kept as failed; none is lost.
 */
@QuarkusTest
@TestProfile(CallbackHandlerTest.Callbacks.class)
class CallbackHandlerTest {

    public static class Callbacks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "callbacks", "%test.quarkus.lambda.handler", "callbacks");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LocalStackResource.class, Map.of(LocalStackResource.FUNCTION_ARG,
                    "CallbackFunction", LocalStackResource.ALLOW_INSECURE_WEBHOOKS_ARG, "true")));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:CallbackQueue";

    @Inject
    AccountAdministration administration;
    @Inject
    WebhookSettings webhooks;
    @Inject
    FailedCallbacks failed;
    @Inject
    SqsClient sqs;
    @Inject
    QueueConfig queues;

    private HttpServer server;
    private final List<Post> posts = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Integer> answers = new ArrayDeque<>();

    record Post(String path, String signature, String body) {
    }

    @BeforeEach
    void receiver() throws IOException {
        receiver(0);
        drain();
    }

    private void receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posts.add(new Post(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Signature"),
                    new String(body, StandardCharsets.UTF_8)));
            Integer status;
            synchronized (answers) {
                status = answers.isEmpty() ? 200 : answers.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private record Customer(String accountId, String secret) {
    }

    private Customer customer(String path) {
        String id = administration.open(new AccountAdministration.NewAccount("Callback test", "NG", null, null, null, 100L))
                .account().id();
        return new Customer(id, webhooks.set(id, url(path)).secret());
    }

    private static StatusEvent event(String accountId, MessageState.Status status) {
        String ref = "ref-" + System.nanoTime();
        return StatusEvent.of(new MessageKey(accountId, ref, 0), new MessageState(0, "2348020000000", status, 1, "smsc-1",
                Instant.parse("2026-03-01T10:00:00Z"), Instant.now(), null), new Subscription(null));
    }

    private static ObjectNode record(CallbackTask task) {
        return SqsEvents.record(StatusEventJson.write(task));
    }

    private static List<String> invoke(ObjectNode... records) {
        return SqsEvents.invoke(SqsEvents.event(records));
    }

    /** Waits for the next task on the callback queue (SQS holds a retry back for its delay) and takes it. */
    private Message nextQueued(Duration patience) {
        long until = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < until) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queues.callbacks().orElseThrow()).maxNumberOfMessages(1)
                    .waitTimeSeconds(1).attributeNamesWithStrings("All")).messages();
            if (!got.isEmpty()) {
                sqs.deleteMessage(b -> b.queueUrl(queues.callbacks().orElseThrow()).receiptHandle(got.get(0).receiptHandle()));
                return got.get(0);
            }
        }
        throw new AssertionError("nothing came back on the callback queue within " + patience);
    }

    private void drain() {
        List<Message> left;
        do {
            left = sqs.receiveMessage(b -> b.queueUrl(queues.callbacks().orElseThrow()).maxNumberOfMessages(10)).messages();
            left.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queues.callbacks().orElseThrow()).receiptHandle(m.receiptHandle())));
        } while (!left.isEmpty());
    }

    private static void assertSigned(Post post, String secret) {
        CallbackSignatures.assertValid(post.signature(), secret, post.body());
    }

    @Test
    void postsTheEventSignedWithTheAccountsSecret() throws Exception {
        Customer c = customer("/hook");
        StatusEvent event = event(c.accountId(), MessageState.Status.DELIVERED);

        assertEquals(List.of(), invoke(record(CallbackTask.first(event, Instant.now()))));

        assertEquals(1, posts.size());
        JsonNode body = JSON.readTree(posts.get(0).body());
        assertEquals(event.eventId(), body.get("event_id").asText());
        assertEquals("delivery_report", body.get("type").asText());
        assertEquals("delivered", body.get("status").asText());
        assertEquals(event.referenceId(), body.get("reference_id").asText());
        assertEquals("2026-03-01T10:00:00Z", body.get("smsc_timestamp").asText());
        assertSigned(posts.get(0), c.secret());
    }

    // Invariant: a receiver failing twice then succeeding gets the same event three times, each signed,
    // the retries coming back through the queue after 5 s and then 10 s; nothing is kept as failed.
    @Test
    void aReceiverFailingTwiceThenSucceedingGetsTheSameEventThroughTheQueue() throws Exception {
        Customer c = customer("/flaky");
        StatusEvent event = event(c.accountId(), MessageState.Status.DISPATCHED);
        answers.add(503);
        answers.add(500);

        assertEquals(List.of(), invoke(record(CallbackTask.first(event, Instant.now()))));
        Message retry = nextQueued(Duration.ofSeconds(12));
        CallbackTask first = StatusEventJson.readTask(retry.body());
        assertEquals(1, first.attempts());
        assertEquals(List.of(), invoke(SqsEvents.record(retry, QUEUE_ARN)));
        Message secondRetry = nextQueued(Duration.ofSeconds(20));
        assertEquals(2, StatusEventJson.readTask(secondRetry.body()).attempts());
        assertEquals(List.of(), invoke(SqsEvents.record(secondRetry, QUEUE_ARN)));

        assertEquals(3, posts.size());
        for (Post post : posts) {
            assertEquals(event.eventId(), JSON.readTree(post.body()).get("event_id").asText());
            assertSigned(post, c.secret());
        }
        assertTrue(failed.find(c.accountId(), event.eventId()).isEmpty());
    }

    // Fault: the customer's receiver is down (connection refused) for a while, then back. Invariant: the
    // event is neither lost nor given up: it comes back through the queue and is delivered once the
    // receiver is up, under the same event id.
    @Test
    void aReceiverDownForAWhileGetsTheEventWhenItIsBack() throws Exception {
        Customer c = customer("/down");
        StatusEvent event = event(c.accountId(), MessageState.Status.DELIVERED);
        int port = server.getAddress().getPort();
        server.stop(0);

        assertEquals(List.of(), invoke(record(CallbackTask.first(event, Instant.now()))));
        Message retry = nextQueued(Duration.ofSeconds(12));
        receiver(port);
        assertEquals(List.of(), invoke(SqsEvents.record(retry, QUEUE_ARN)));

        assertEquals(1, posts.size());
        assertEquals(event.eventId(), JSON.readTree(posts.get(0).body()).get("event_id").asText());
        assertSigned(posts.get(0), c.secret());
        assertTrue(failed.find(c.accountId(), event.eventId()).isEmpty());
    }

    @Test
    void aReceiverRefusingForGoodIsNotRetriedAndTheEventIsKeptAsFailed() {
        Customer c = customer("/gone");
        StatusEvent event = event(c.accountId(), MessageState.Status.DELIVERED);
        answers.add(410);

        assertEquals(List.of(), invoke(record(CallbackTask.first(event, Instant.now()))));

        assertEquals(1, posts.size());
        FailedCallbacks.Failed kept = failed.find(c.accountId(), event.eventId()).orElseThrow();
        assertEquals("http_410", kept.lastError());
        assertEquals(event, kept.event());
        LocalStack stack = LocalStack.shared();
        var item = stack.dynamo().getItem(b -> b.tableName(stack.tableName("AccountsTable")).key(Map.of(
                "pk", AttributeValue.fromS("ACC#" + c.accountId()), "sk", AttributeValue.fromS("CBFAIL#" + event.eventId())))).item();
        assertEquals(kept.failedAt().plus(Duration.ofDays(30)).getEpochSecond(),
                Long.parseLong(item.get("expires_at_epoch").n()), "kept 30 days, then expired by the table's TTL");
        assertTrue(sqs.receiveMessage(b -> b.queueUrl(queues.callbacks().orElseThrow()).waitTimeSeconds(1)).messages().isEmpty());
    }

    // Invariant: a receiver that holds its request open does not hold up another account's callback in
    // the same event: the fast receiver is called while the slow one is still waiting.
    @Test
    void aSlowReceiverOfOneAccountDoesNotDelayAnotherAccountsCallback() {
        Customer slow = customer("/slow");
        Customer fast = customer("/fast");
        CountDownLatch fastCalled = new CountDownLatch(1);
        boolean[] fastCameWhileSlowWaited = {false};
        server.createContext("/slow", exchange -> {
            try {
                fastCameWhileSlowWaited[0] = fastCalled.await(8, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/fast", exchange -> {
            fastCalled.countDown();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });

        assertEquals(List.of(), invoke(record(CallbackTask.first(event(slow.accountId(), MessageState.Status.DELIVERED), Instant.now())),
                record(CallbackTask.first(event(fast.accountId(), MessageState.Status.DELIVERED), Instant.now()))));

        assertTrue(fastCameWhileSlowWaited[0], "the fast receiver was called only after the slow one answered");
    }

    @Test
    void aTaskThatIsNotACallbackIsHandedBackForTheDeadLetterQueue() {
        ObjectNode poison = SqsEvents.record("{\"not\":\"a task\"}");

        assertEquals(List.of(poison.get("messageId").asText()), invoke(poison));
        assertTrue(posts.isEmpty());
    }
}
