package com.ninebits.sms.events;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import com.ninebits.sms.domain.receipt.ReceiptApplication;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault suite's invariant, checked whole for a batch: every message has exactly one status;
 * the SMSC took each message at most once (exactly once for one dispatched or delivered); a message
 * the SMSC took carries the id the SMSC gave it; and the balance is the initial one minus the parts
 * of every message, plus the parts of those refunded (refused, expired, or failed without the SMSC
 * ever taking them), each exactly once.
 */
final class FaultInvariant {

    private FaultInvariant() {
    }

    static List<String> messageIds(Batch batch) {
        return IntStream.range(0, batch.recipients().size())
                .mapToObj(i -> new MessageKey(batch.accountId(), batch.referenceId(), i).messageId()).toList();
    }

    /** The SMSC reports every message it took as delivered, as its delivery reports would. */
    static void reportDelivered(ReceiptApplication receipts, FaultySmsc smsc, Batch batch) {
        for (FaultySmsc.Arrival arrival : smsc.arrivals(messageIds(batch))) {
            if (arrival.taken()) {
                receipts.apply(new DeliveryReceipt("http", arrival.messageId(), MessageState.Status.DELIVERED, arrival.smscId(),
                        Instant.now(), null));
            }
        }
    }

    /**
     * Checks the invariant over {@code batches}, all of one account; with {@code settled}, also that
     * every message reached a final status.
     */
    static void check(Customers customers, FaultySmsc smsc, String account, long initialBalance, boolean settled,
                      Batch... batches) {
        long charged = 0;
        long refunded = 0;
        List<String> problems = new ArrayList<>();
        for (Batch batch : batches) {
            List<MessageState> messages = customers.messages(account, batch);
            List<String> ids = messageIds(batch);
            assertEquals(batch.recipients().size(), messages.size(), "one status per message: " + messages);
            for (int i = 0; i < messages.size(); i++) {
                MessageState message = messages.get(i);
                String id = ids.get(i);
                List<FaultySmsc.Arrival> taken = smsc.arrivals(List.of(id)).stream().filter(FaultySmsc.Arrival::taken).toList();
                charged += batch.parts();
                MessageState.Status status = message.status();
                if (taken.size() > 1) {
                    problems.add(id + " was taken by the SMSC " + taken.size() + " times: " + taken);
                }
                if (settled && !status.isFinal()) {
                    problems.add(id + " did not end in a final status: " + message);
                }
                if ((status == MessageState.Status.DISPATCHED || status == MessageState.Status.DELIVERED) && taken.size() != 1) {
                    problems.add(id + " is " + status + " but the SMSC took it " + taken.size() + " times");
                }
                if (!taken.isEmpty() && message.smscMessageId() != null && !taken.get(0).smscId().equals(message.smscMessageId())) {
                    problems.add(id + " carries SMSC id " + message.smscMessageId() + ", the SMSC gave " + taken.get(0).smscId());
                }
                boolean refund = status == MessageState.Status.REJECTED || status == MessageState.Status.EXPIRED
                        || (status == MessageState.Status.FAILED && taken.isEmpty());
                if (refund) {
                    if (!taken.isEmpty()) {
                        problems.add(id + " was refunded (" + status + ") although the SMSC took it");
                    }
                    refunded += batch.parts();
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(initialBalance - charged + refunded, customers.balance(account),
                "balance = initial " + initialBalance + " - charged " + charged + " + refunded " + refunded);
    }
}
