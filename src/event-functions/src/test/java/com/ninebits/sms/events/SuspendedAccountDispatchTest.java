package com.ninebits.sms.events;

import com.ninebits.sms.domain.account.Account;
import com.ninebits.sms.domain.account.AccountAdministration;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.error.Validation;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.testsupport.LocalStack;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A suspended account's queued batches wait in the dispatch queue: the dispatcher (as Lambda runs
 * it, from the real local queue, to the simulator SMSC) hands them back untouched, charging and
 * refunding nothing, and once the account is active again they go, in the order they were accepted.
 */
@QuarkusTest
@TestProfile(DispatchSimulatorTest.Simulator.class)
class SuspendedAccountDispatchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Inject
    Customers customers;
    @Inject
    AccountAdministration administration;

    private final DispatchQueueDriver queue = new DispatchQueueDriver();

    private void setStatus(String account, Account.Status status) {
        administration.changeLimits(account, new AccountAdministration.Limits(null, null, null, null, status), new Validation());
    }

    private static void visibleNow(Message message) {
        LocalStack stack = LocalStack.shared();
        stack.sqs().changeMessageVisibility(b -> b.queueUrl(stack.queueUrl(DispatchQueueDriver.QUEUE))
                .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
    }

    @Test
    void aSuspendedAccountsChunksWaitUnchargedAndGoInOrderOnceItIsActiveAgain() {
        String account = customers.open(100, null);
        Batch first = customers.send(account, List.of(Customers.number(), Customers.number()), "First batch");
        Batch second = customers.send(account, List.of(Customers.number()), "Second batch");
        assertEquals(97, customers.balance(account));

        setStatus(account, Account.Status.SUSPENDED);
        List<Message> held = queue.receiveSome(account, PATIENCE);
        DispatchQueueDriver.Delivery delivery = queue.deliver(held);

        assertEquals(held.stream().map(Message::messageId).toList(), delivery.failed(), "every chunk is handed back");
        for (Batch batch : List.of(first, second)) {
            for (MessageState message : customers.messages(account, batch)) {
                assertEquals(MessageState.Status.QUEUED, message.status(), message.toString());
                assertNull(message.smscMessageId(), message.toString());
            }
        }
        assertEquals(97, customers.balance(account), "nothing charged or refunded while suspended");
        assertEquals(List.of(), queue.receive(account, Duration.ofSeconds(1)), "held back for the recheck, not offered again at once");

        setStatus(account, Account.Status.ACTIVE);
        held.forEach(SuspendedAccountDispatchTest::visibleNow);
        List<String> bodiesInOrder = new ArrayList<>();
        for (int round = 0; round < 5 && bodiesInOrder.size() < held.size(); round++) {
            List<Message> offered = queue.receive(account, PATIENCE);
            offered.forEach(m -> bodiesInOrder.add(m.body()));
            assertEquals(List.of(), queue.deliver(offered).failed());
        }

        assertEquals(held.stream().map(Message::body).toList(), bodiesInOrder, "offered again in the order accepted");
        assertEquals(List.of(MessageState.Status.DISPATCHED, MessageState.Status.DISPATCHED), customers.statuses(account, first));
        assertEquals(List.of(MessageState.Status.DISPATCHED), customers.statuses(account, second));
        assertEquals(97, customers.balance(account));
        assertTrue(customers.messages(account, first).stream().allMatch(m -> m.smscMessageId() != null));
    }
}
