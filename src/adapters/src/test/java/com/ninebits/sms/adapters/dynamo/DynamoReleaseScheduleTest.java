package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.dispatch.ReleaseSchedule.Entry;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DynamoReleaseScheduleTest {

    private static final Instant MINUTE = Instant.parse("2026-02-01T08:30:00Z");

    private final Tables tables = LocalTables.tables();
    private final DynamoReleaseSchedule schedule = new DynamoReleaseSchedule(tables);
    private final DynamoBatchStore batches = new DynamoBatchStore(tables);
    private final String account = LocalTables.unique("acc");

    private void scheduled(String reference, Instant sendAt) {
        batches.schedule(new Batch(account, reference, "tok-" + reference, "fp", Batch.State.ACCEPTED, "myCode", "Hi",
                Encoding.GSM7, 1, false, MINUTE.minusSeconds(3600), sendAt, sendAt.plusSeconds(3600), null, List.of("1"),
                List.of(), 1));
    }

    private List<Entry> mine(Instant minute) {
        return schedule.filedUnder(minute).stream().filter(e -> e.accountId().equals(account)).toList();
    }

    @Test
    void entriesAreFiledByTheMinuteTheyAreDue() {
        scheduled("a", MINUTE.plusSeconds(5));
        scheduled("b", MINUTE.plusSeconds(59));
        scheduled("c", MINUTE.plusSeconds(60));

        assertEquals(List.of("a", "b"), mine(MINUTE).stream().map(Entry::referenceId).sorted().toList());
        assertEquals(List.of(new Entry(account, "c", "tok-c", MINUTE.plusSeconds(60))), mine(MINUTE.plusSeconds(60)));
    }

    @Test
    void aRemovedEntryIsNotFiledAnyMore() {
        scheduled("a", MINUTE.plusSeconds(5));
        Entry entry = mine(MINUTE).get(0);

        schedule.remove(entry);
        schedule.remove(entry);

        assertEquals(List.of(), mine(MINUTE));
    }

    @Test
    void theReleaseMarkHoldsTheLastMinuteMarked() {
        schedule.markReleasedThrough(MINUTE);
        schedule.markReleasedThrough(MINUTE.plusSeconds(60));

        assertEquals(Optional.of(MINUTE.plusSeconds(60)), schedule.releasedThrough());
    }
}
