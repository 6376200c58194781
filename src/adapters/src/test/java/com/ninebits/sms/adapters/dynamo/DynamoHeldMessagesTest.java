package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.HeldMessages.Held;
import com.ninebits.sms.domain.message.MessageKey;
import com.ninebits.sms.domain.message.MessageRecord;
import com.ninebits.sms.domain.message.MessageState;
import com.ninebits.sms.domain.quiet.QuietHours;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held messages and the quiet hours setting against the local DynamoDB server. */
class DynamoHeldMessagesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T20:30:00Z");
    private static final Instant MORNING = Instant.parse("2026-01-02T07:00:00Z");

    private final Tables tables = LocalTables.tables();
    private final DynamoHeldMessages held = new DynamoHeldMessages(tables);
    private final DynamoMessageStore messages = new DynamoMessageStore(tables);
    private final String account = LocalTables.unique("acc");
    private final String reference = LocalTables.unique("ref");

    private Held held(int index, Instant due) {
        return new Held(account, reference, "tok", index, "234802000000" + index, MORNING, due, T0);
    }

    private MessageRecord record(int index) {
        return messages.records(account, reference, index, index + 1).get(index);
    }

    @Test
    void aHeldMessageIsFiledUnderItsDueMinuteAndNotedOnItsRecordAsStillQueued() {
        Held h = held(3, MORNING.plusSeconds(30));
        held.hold(h, 2, T0);

        assertEquals(List.of(h), held.filedUnder(MORNING).stream().filter(e -> e.referenceId().equals(reference)).toList());
        MessageRecord r = record(3);
        assertEquals(MessageState.Status.QUEUED, r.state().status());
        assertEquals(MORNING, r.heldUntil());
        assertEquals(0, r.attempts());
        assertFalse(r.inFlight());
        assertEquals(2, r.state().parts());
        assertTrue(messages.claim(new MessageKey(account, reference, 3), h.to(), 2, 1, MORNING),
                "a held message is claimed as its first attempt once it goes");

        held.remove(List.of(h));
        assertEquals(List.of(), held.filedUnder(MORNING).stream().filter(e -> e.referenceId().equals(reference)).toList());
    }

    @Test
    void aMessageAlreadyUnderWayIsNotNotedAsHeld() {
        MessageKey key = new MessageKey(account, reference, 0);
        assertTrue(messages.claim(key, "2348020000000", 1, 1, T0));

        held.hold(held(0, MORNING), 1, T0);

        assertNull(record(0).heldUntil(), "the delivery that claimed it goes on; the release finds it past queued");
        assertTrue(record(0).inFlight());
    }

    @Test
    void theReleaseMarkIsKept() {
        Instant minute = MORNING.truncatedTo(ChronoUnit.MINUTES);
        held.markReleasedThrough(minute);
        assertEquals(Optional.of(minute), held.releasedThrough());
    }

    @Test
    void quietHoursAreSetReadAndCleared() {
        DynamoQuietHoursStore store = new DynamoQuietHoursStore(tables);
        assertEquals(Optional.empty(), store.find(account));

        store.put(account, QuietHours.parse("21:30", "07:45"));
        assertEquals(Optional.of(QuietHours.parse("21:30", "07:45")), store.find(account));

        store.delete(account);
        assertEquals(Optional.empty(), store.find(account));
        store.delete(account);
    }
}
