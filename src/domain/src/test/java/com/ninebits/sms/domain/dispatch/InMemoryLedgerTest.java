package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fake keeps the ledger's stated conditions; the dispatch tests are only as good as it is. */
class InMemoryLedgerTest {

    private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
    private static final MessageKey KEY = new MessageKey("acc_1", "ref-1", 3);
    private static final String TO = "2348020000000";

    private final InMemoryLedger ledger = new InMemoryLedger();

    @Test
    void claimsOnlyTheNextAttemptOfAQueuedMessageWithNoneUnderWay() {
        assertFalse(ledger.claim(KEY, TO, 1, 2, T), "attempt 2 before attempt 1");
        assertTrue(ledger.claim(KEY, TO, 1, 1, T));
        assertFalse(ledger.claim(KEY, TO, 1, 1, T), "the same attempt twice");
        assertFalse(ledger.claim(KEY, TO, 1, 2, T), "a next attempt while one is under way");

        ledger.release(KEY, 1, "busy", T);

        assertFalse(ledger.claim(KEY, TO, 1, 1, T), "an attempt already used");
        assertTrue(ledger.claim(KEY, TO, 1, 2, T));
        assertEquals(new MessageRecord(ledger.record(KEY).orElseThrow().state(), 2, true), ledger.record(KEY).orElseThrow());
    }

    @Test
    void recordsDispatchedOnlyForTheClaimedAttempt() {
        assertFalse(ledger.dispatched(KEY, 1, "s-0", T).isPresent(), "never claimed");
        assertTrue(ledger.claim(KEY, TO, 1, 1, T));
        assertFalse(ledger.dispatched(KEY, 2, "s-1", T).isPresent(), "another attempt");
        assertTrue(ledger.dispatched(KEY, 1, "s-1", T).isPresent());
        assertFalse(ledger.dispatched(KEY, 1, "s-2", T).isPresent(), "twice");

        MessageRecord r = ledger.record(KEY).orElseThrow();
        assertEquals(Status.DISPATCHED, r.state().status());
        assertEquals("s-1", r.state().smscMessageId());
        assertFalse(r.inFlight());
        assertFalse(ledger.claim(KEY, TO, 1, 2, T), "a dispatched message is not queued");
    }

    @Test
    void releaseGivesBackOnlyTheAttemptUnderWay() {
        assertTrue(ledger.claim(KEY, TO, 1, 1, T));
        ledger.release(KEY, 2, "not mine", T);
        assertTrue(ledger.record(KEY).orElseThrow().inFlight());

        ledger.release(KEY, 1, "busy", T);
        assertFalse(ledger.record(KEY).orElseThrow().inFlight());
        assertEquals(Status.QUEUED, ledger.status(KEY));
    }

    @Test
    void finishMovesOnlyAMessageNotYetFinalAndSaysWhetherThisCallMovedIt() {
        assertTrue(ledger.finish(KEY, TO, 2, Status.UNKNOWN, "dispatcher_interrupted", T).isPresent(), "creates the record");
        assertTrue(ledger.finish(KEY, TO, 2, Status.FAILED, "smsc_unavailable", T).isPresent(), "unknown is not final");
        assertFalse(ledger.finish(KEY, TO, 2, Status.FAILED, "smsc_unavailable", T).isPresent());
        assertFalse(ledger.finish(KEY, TO, 2, Status.EXPIRED, "expired", T).isPresent());

        assertEquals(List.of(Status.UNKNOWN, Status.FAILED), ledger.history(KEY));
        assertEquals("smsc_unavailable", ledger.record(KEY).orElseThrow().state().errorCode());
    }

    @Test
    void recordsListsOnlyTheBatchIndexesAsked() {
        assertTrue(ledger.claim(new MessageKey("acc_1", "ref-1", 1), TO, 1, 1, T));
        assertTrue(ledger.claim(new MessageKey("acc_1", "ref-1", 2), TO, 1, 1, T));
        assertTrue(ledger.claim(new MessageKey("acc_1", "ref-1", 4), TO, 1, 1, T));
        assertTrue(ledger.claim(new MessageKey("acc_1", "ref-2", 2), TO, 1, 1, T));
        assertTrue(ledger.claim(new MessageKey("acc_2", "ref-1", 2), TO, 1, 1, T));

        Map<Integer, MessageRecord> records = ledger.records("acc_1", "ref-1", 2, 4);

        assertEquals(List.of(2), List.copyOf(records.keySet()));
    }
}
