package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.message.MessageState.Status;
import com.ninebits.sms.domain.callback.Subscription;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.receipt.DeliveryReceipt;
import com.ninebits.sms.domain.receipt.ReceiptLedger.Applied;
import com.ninebits.sms.domain.receipt.ReceiptLedger.Move;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The message records' conditional moves, as the dispatcher and the delivery reports make them. */
class DynamoMessageStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String TO = "2348020000000";

    private final Tables tables = LocalTables.tables();
    private final DynamoMessageStore store = new DynamoMessageStore(tables);
    private final String account = LocalTables.unique("acc");

    private MessageKey key(int index) {
        return new MessageKey(account, "ref-1", index);
    }

    private MessageRecord record(int index) {
        return store.records(account, "ref-1", index, index + 1).get(index);
    }

    private void dispatchedMessage(int index) {
        assertTrue(store.claim(key(index), TO, 2, new Subscription("https://hooks.example.com/sms"), 1, T0));
        assertTrue(store.dispatched(key(index), 1, "smsc-" + index, T0).isPresent());
    }

    @Test
    void anAttemptIsClaimedOnce() {
        assertTrue(store.claim(key(0), TO, 2, 1, T0));

        assertFalse(store.claim(key(0), TO, 2, 1, T0), "the attempt is under way");
        assertFalse(store.claim(key(0), TO, 2, 2, T0), "no second attempt while one is under way");
        MessageRecord claimed = record(0);
        assertEquals(Status.QUEUED, claimed.state().status());
        assertEquals(1, claimed.attempts());
        assertTrue(claimed.inFlight());
    }

    @Test
    void aReleasedAttemptLetsTheNextBeClaimed() {
        store.claim(key(0), TO, 2, 1, T0);

        store.release(key(0), 1, "smsc_busy", T0);

        assertFalse(record(0).inFlight());
        assertFalse(store.claim(key(0), TO, 2, 1, T0), "that attempt was made");
        assertTrue(store.claim(key(0), TO, 2, 2, T0));
    }

    @Test
    void theSmscsAnswerIsRecordedAgainstTheClaimedAttemptOnly() {
        store.claim(key(0), TO, 2, 1, T0);

        assertFalse(store.dispatched(key(0), 2, "smsc-x", T0).isPresent(), "not the attempt under way");
        assertTrue(store.dispatched(key(0), 1, "smsc-0", T0).isPresent());

        MessageRecord dispatched = record(0);
        assertEquals(Status.DISPATCHED, dispatched.state().status());
        assertEquals("smsc-0", dispatched.state().smscMessageId());
        assertFalse(dispatched.inFlight());
        assertFalse(store.claim(key(0), TO, 2, 2, T0), "a dispatched message is never claimed again");
    }

    @Test
    void anUnansweredAttemptEndsUnknownOnce() {
        store.claim(key(0), TO, 2, 1, T0);

        assertTrue(store.abandon(key(0), 1, "smsc_no_answer", T0).isPresent());
        assertFalse(store.abandon(key(0), 1, "smsc_no_answer", T0).isPresent());

        assertEquals(Status.UNKNOWN, record(0).state().status());
        assertEquals("smsc_no_answer", record(0).state().errorCode());
    }

    @Test
    void aFinalMoveIsMadeOnceAndOwesItsRefundUntilPaid() {
        store.claim(key(0), TO, 2, 1, T0);

        assertTrue(store.finish(key(0), TO, 2, Status.EXPIRED, "expired", T0).isPresent());
        assertFalse(store.finish(key(0), TO, 2, Status.FAILED, "other", T0).isPresent(), "a final status is never left");
        assertEquals(2, record(0).refundDue());

        store.refundPaid(key(0));

        assertEquals(Status.EXPIRED, record(0).state().status());
        assertEquals(0, record(0).refundDue());
    }

    @Test
    void aMessageNeverSeenCanBeFinishedStraightAway() {
        assertTrue(store.finish(key(3), TO, 1, Status.EXPIRED, "expired", T0).isPresent());

        assertEquals(Status.EXPIRED, record(3).state().status());
        assertEquals(TO, record(3).state().to());
    }

    @Test
    void aReportMovesAMessageForwardAndTellsTheSubscription() {
        dispatchedMessage(0);

        Move move = store.apply(key(0), Status.DELIVERED, "smsc-0", T0.plusSeconds(5), null, T0.plusSeconds(6));

        assertEquals(Applied.MOVED, move.applied());
        assertEquals(Status.DELIVERED, move.state().status());
        assertEquals(T0.plusSeconds(5), move.state().smscTimestamp());
        assertEquals(new Subscription("https://hooks.example.com/sms"), move.subscription());
    }

    @Test
    void lateReportNeverLeavesFinalStatus() {
        dispatchedMessage(0);
        store.apply(key(0), Status.DELIVERED, "smsc-0", T0, null, T0);

        Move late = store.apply(key(0), Status.UNKNOWN, "smsc-0", T0, null, T0.plusSeconds(1));
        Move repeated = store.apply(key(0), Status.DELIVERED, "smsc-0", T0, null, T0.plusSeconds(2));

        assertEquals(Applied.IGNORED, late.applied());
        assertEquals(Applied.IGNORED, repeated.applied());
        assertEquals(Status.DELIVERED, late.state().status(), "answered with the message as it stands");
        assertEquals(Status.DELIVERED, record(0).state().status());
    }

    @Test
    void aReportForAMessageNeverHandedOverIsUnknown() {
        Move move = store.apply(key(9), Status.DELIVERED, "smsc-9", T0, null, T0);

        assertEquals(Applied.UNKNOWN_MESSAGE, move.applied());
        assertNull(move.state());
    }

    @Test
    void recordsAndCountsAreReadByRange() {
        dispatchedMessage(0);
        dispatchedMessage(1);
        store.finish(key(2), TO, 1, Status.REJECTED, "invalid", T0);

        assertEquals(Set.of(1, 2), store.records(account, "ref-1", 1, 3).keySet());
        assertEquals(Map.of(), store.records(account, "ref-1", 3, 3));
        assertEquals(Map.of(Status.DISPATCHED, 2, Status.REJECTED, 1), store.counts(account, "ref-1"));
    }

    @Test
    void anUnmatchedReportIsKeptUnderItsDay() {
        String messageId = LocalTables.unique("nobody") + "~ref~0";

        store.keepUnmatched(new DeliveryReceipt("kannel", messageId, Status.DELIVERED, "smsc-1", T0, null), T0);

        assertTrue(tables.messages().items(Keys.unmatched(T0), true).stream()
                .anyMatch(item -> messageId.equals(Item.string(item, "message_id"))
                        && "delivered".equals(Item.string(item, "status"))
                        && !item.containsKey("error_code")));
    }
}
