package com.ninebits.sms.dlr;

import com.ninebits.sms.adapters.dynamo.Keys;
import com.ninebits.sms.domain.account.AccountStore;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.batch.MessageStore;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.dispatch.MessageLedger;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import com.ninebits.sms.domain.receipt.ReceiptApplication;
import com.ninebits.sms.domain.receipt.ReceiptLedger;
import com.ninebits.sms.testsupport.LocalStack;
import com.ninebits.sms.testsupport.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault suite, delivery reports: duplicated, reordered, contradicting and concurrent reports, and
 * reports for ids the gateway does not know, through the DLR webhook and the real local store.
 * (Single duplicates, one late report, a report before the dispatcher's answer and one unknown id
 * are in {@link DlrWebhookTest}.)
 *
 * <p>Invariant: whatever the order, repetition or concurrency of a message's reports, its status
 * only ever moves forward (queued &lt; dispatched &lt; unknown &lt; final), the first final report
 * wins and is the only final entry in its history, and a report changes the balance of nobody; a
 * report for an id the gateway does not know is kept and creates or changes no message.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "function", value = "DlrFunction"))
class DlrFaultTest {

    private static final String KANNEL_SECRET = "test-kannel-secret";
    // Kannel's %d: 8 accepted by the SMSC, 1 delivered, 2 undelivered, 16 rejected by the SMSC.
    private static final List<Integer> REPORTS = List.of(8, 1, 1, 2, 16);
    @Inject
    MessageLedger ledger;
    @Inject
    SentMessages sent;
    @Inject
    MessageStore messages;
    @Inject
    AccountStore accounts;
    @Inject
    ReceiptApplication receipts;

    @Test
    void everyOrderOfDuplicatedAndContradictingReportsEndsInTheFirstFinalOneAndNeverMovesBack() {
        List<List<Integer>> orders = permutations(REPORTS);
        assertEquals(60, orders.size());
        Batch batch = dispatchedBatch(orders.size());
        long balance = balance(batch);

        for (int index = 0; index < orders.size(); index++) {
            MessageKey key = new MessageKey(batch.accountId(), batch.referenceId(), index);
            List<Integer> order = orders.get(index);
            MessageState.Status firstFinal = null;
            for (int type : order) {
                int before = rank(state(key).status());
                kannel(key, type);
                MessageState after = state(key);
                assertTrue(rank(after.status()) >= before, "moved back on report " + type + " in order " + order + ": " + after);
                if (firstFinal == null && status(type).isFinal()) {
                    firstFinal = status(type);
                }
                if (firstFinal != null) {
                    assertEquals(firstFinal, after.status(), "order " + order);
                }
            }
            List<String> history = history(key);
            assertEquals(List.of("dispatched", firstFinal.wire()), history, "one entry per real move, order " + order);
        }
        assertEquals(balance, balance(batch), "reports charge and refund nothing");
    }

    @Test
    void concurrentDuplicateAndContradictingReportsMoveTheMessageExactlyOnce() throws Exception {
        int reports = 24;
        Batch batch = dispatchedBatch(1);
        MessageKey key = new MessageKey(batch.accountId(), batch.referenceId(), 0);
        List<MessageState.Status> statuses = IntStream.range(0, reports)
                .mapToObj(i -> i % 2 == 0 ? MessageState.Status.DELIVERED : MessageState.Status.FAILED).toList();

        ExecutorService pool = Executors.newFixedThreadPool(reports);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ReceiptLedger.Applied>> results = new ArrayList<>();
        try {
            for (MessageState.Status status : statuses) {
                results.add(pool.submit(() -> {
                    start.await();
                    return receipts.apply(new DeliveryReceipt("kannel", key.messageId(), status, "smsc-" + status.wire(),
                            Instant.now(), status == MessageState.Status.FAILED ? "undelivered" : null));
                }));
            }
            start.countDown();
            List<ReceiptLedger.Applied> applied = new ArrayList<>();
            for (Future<ReceiptLedger.Applied> result : results) {
                applied.add(result.get());
            }

            assertEquals(1, applied.stream().filter(a -> a == ReceiptLedger.Applied.MOVED).count(), applied.toString());
            assertEquals(reports - 1, applied.stream().filter(a -> a == ReceiptLedger.Applied.IGNORED).count(), applied.toString());
        } finally {
            pool.shutdownNow();
        }
        MessageState after = state(key);
        assertTrue(after.status() == MessageState.Status.DELIVERED || after.status() == MessageState.Status.FAILED, after.toString());
        assertEquals(List.of("dispatched", after.status().wire()), history(key));
        assertEquals(after.status() == MessageState.Status.FAILED ? "undelivered" : null, after.errorCode(),
                "the error code belongs to the report that won: " + after);
    }

    @Test
    void reportsForIdsTheGatewayDoesNotKnowAreKeptAndTouchNoMessage() {
        Batch batch = dispatchedBatch(1);
        MessageKey known = new MessageKey(batch.accountId(), batch.referenceId(), 0);
        MessageKey beyondTheBatch = new MessageKey(batch.accountId(), batch.referenceId(), 7);
        MessageKey otherBatch = new MessageKey(batch.accountId(), "never-sent-" + UUID.randomUUID(), 0);
        MessageKey noAccount = new MessageKey("acc_nobody" + UUID.randomUUID().toString().substring(0, 6), batch.referenceId(), 0);
        String marker = UUID.randomUUID().toString();
        List<String> unknownIds = List.of(beyondTheBatch.messageId(), otherBatch.messageId(), noAccount.messageId(),
                "garbage-" + marker, known.messageId() + "0" + marker, "~" + marker + "~", known.accountId() + "~" + marker + "~01");

        for (String id : unknownIds) {
            given().queryParam("secret", KANNEL_SECRET).queryParam("message_id", id).queryParam("type", 1)
                    .get("/ng/v1/dlr/kannel").then().statusCode(202).body("applied", equalTo("unknown_message"));
        }

        Set<String> kept = new LinkedHashSet<>();
        LocalStack stack = LocalStack.shared();
        stack.dynamo().queryPaginator(b -> b.tableName(stack.tableName("MessagesTable")).keyConditionExpression("pk = :pk")
                        .consistentRead(true)
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.unmatched(Instant.now())))))
                .items().forEach(item -> kept.add(item.get("message_id").s()));
        assertTrue(kept.containsAll(unknownIds), "every unknown report is kept, none dropped: missing "
                + unknownIds.stream().filter(id -> !kept.contains(id)).toList());
        assertEquals(MessageState.Status.DISPATCHED, state(known).status(), "the batch's real message is untouched");
        assertEquals(Map.of(0, MessageState.Status.DISPATCHED), statuses(batch.accountId(), batch.referenceId(), 0, 10),
                "no message was made up beyond the batch");
        assertEquals(Map.of(), statuses(otherBatch.accountId(), otherBatch.referenceId(), 0, 10));
        assertEquals(Map.of(), statuses(noAccount.accountId(), noAccount.referenceId(), 0, 10));
        assertFalse(accounts.find(noAccount.accountId()).isPresent());
    }

    // ------------------------------------------------------------------------- helpers

    /** An accepted batch of {@code size} recipients, every message handed to the SMSC and answered. */
    private Batch dispatchedBatch(int size) {
        return sent.batch(size, true, false);
    }

    private long balance(Batch batch) {
        return accounts.find(batch.accountId()).orElseThrow().balance();
    }

    private MessageState state(MessageKey key) {
        return messages.range(key.accountId(), key.referenceId(), key.index(), key.index() + 1).get(key.index());
    }

    private Map<Integer, MessageState.Status> statuses(String account, String reference, int from, int to) {
        Map<Integer, MessageState.Status> out = new java.util.TreeMap<>();
        messages.range(account, reference, from, to).forEach((index, state) -> out.put(index, state.status()));
        return out;
    }

    private static void kannel(MessageKey key, int type) {
        given().queryParam("secret", KANNEL_SECRET).queryParam("message_id", key.messageId()).queryParam("type", type)
                .queryParam("ts", 1_795_000_000L + type).queryParam("reply", type == 1 ? "" : "NACK/" + type)
                .get("/ng/v1/dlr/kannel").then().statusCode(202);
    }

    private static MessageState.Status status(int kannelType) {
        return switch (kannelType) {
            case 1 -> MessageState.Status.DELIVERED;
            case 2 -> MessageState.Status.FAILED;
            case 8 -> MessageState.Status.DISPATCHED;
            case 16 -> MessageState.Status.REJECTED;
            default -> throw new IllegalArgumentException("type " + kannelType);
        };
    }

    /** The contract's order of statuses: queued &lt; dispatched &lt; unknown &lt; every final status. */
    private static int rank(MessageState.Status status) {
        return switch (status) {
            case QUEUED -> 0;
            case DISPATCHED -> 1;
            case UNKNOWN -> 2;
            default -> 3;
        };
    }

    private List<String> history(MessageKey key) {
        LocalStack stack = LocalStack.shared();
        var item = stack.dynamo().getItem(b -> b.tableName(stack.tableName("MessagesTable")).consistentRead(true)
                .key(Keys.message(key.accountId(), key.referenceId(), key.index()).attributes())).item();
        return item.get("history").l().stream().map(entry -> entry.m().get("status").s()).toList();
    }

    /** Every distinct ordering of {@code items}. */
    private static List<List<Integer>> permutations(List<Integer> items) {
        Set<List<Integer>> out = new LinkedHashSet<>();
        permute(new ArrayList<>(items), 0, out);
        return new ArrayList<>(out);
    }

    private static void permute(List<Integer> items, int from, Set<List<Integer>> out) {
        if (from == items.size()) {
            out.add(List.copyOf(items));
            return;
        }
        for (int i = from; i < items.size(); i++) {
            java.util.Collections.swap(items, from, i);
            permute(items, from + 1, out);
            java.util.Collections.swap(items, from, i);
        }
    }
}
