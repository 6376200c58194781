package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.ReleaseSchedule;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The schedule ({@code SCHED#minute / account#reference}) and its progress mark ({@code SCHED / RELEASED}). */
@ApplicationScoped
public class DynamoReleaseSchedule implements ReleaseSchedule {

    private final Table batches;

    public DynamoReleaseSchedule(Tables tables) {
        this.batches = tables.batches();
    }

    @Override
    public List<Entry> filedUnder(Instant minute) {
        return batches.items(Keys.scheduleMinute(minute), true).stream().map(ScheduleItem::read).toList();
    }

    @Override
    public void remove(Entry entry) {
        batches.delete(Keys.scheduled(entry.sendAt(), entry.accountId(), entry.referenceId()));
    }

    @Override
    public Optional<Instant> releasedThrough() {
        return batches.get(Keys.releasedThrough()).map(ScheduleItem::releasedThrough);
    }

    @Override
    public void markReleasedThrough(Instant minute) {
        batches.put(ScheduleItem.releasedThrough(minute));
    }
}
