package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.BatchStore;
import com.ninebits.sms.domain.batch.DispatchQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Hands scheduled batches to the dispatch queue once their {@code send_at} has come: run every
 * minute, so none is released more than a minute late. A minute is marked done only once it is
 * over and all its entries are out; an entry is removed only after its batch was queued, and the
 * queue drops a second copy of the same chunks, so a crash in between releases it once.
 */
public final class ScheduleRelease {

    /**
     * A minute is marked done only this long after it ended: an acceptance that checked its
     * {@code send_at} was ahead may file its entry a little later (at most the claim lease).
     */
    static final Duration SETTLE = Duration.ofMinutes(2);

    /** How far back a first run (no progress recorded yet) looks. */
    static final Duration FIRST_LOOK_BACK = Duration.ofHours(1);

    private final ReleaseSchedule schedule;
    private final BatchStore batches;
    private final DispatchQueue queue;
    private final Clock clock;

    public ScheduleRelease(ReleaseSchedule schedule, BatchStore batches, DispatchQueue queue, Clock clock) {
        this.schedule = schedule;
        this.batches = batches;
        this.queue = queue;
        this.clock = clock;
    }

    /** Releases what is due; returns how many batches were queued. */
    public int releaseDue() {
        Instant now = clock.instant();
        Instant currentMinute = now.truncatedTo(ChronoUnit.MINUTES);
        Optional<Instant> done = schedule.releasedThrough();
        Instant minute = done.map(m -> m.plus(1, ChronoUnit.MINUTES))
                .orElse(currentMinute.minus(FIRST_LOOK_BACK));
        int released = 0;
        boolean contiguous = true;
        for (; !minute.isAfter(currentMinute); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            boolean allOut = true;
            List<ReleaseSchedule.Entry> entries = new ArrayList<>(schedule.filedUnder(minute));
            // A scheduled batch joins the queue at its send_at: earlier ones first.
            entries.sort(Comparator.comparing(ReleaseSchedule.Entry::sendAt));
            for (ReleaseSchedule.Entry entry : entries) {
                if (entry.sendAt().isAfter(now)) {
                    allOut = false;
                    continue;
                }
                Optional<Batch> batch = batches.find(entry.accountId(), entry.referenceId());
                if (batch.isPresent() && batch.get().token().equals(entry.token())) {
                    if (batch.get().state() != Batch.State.ACCEPTED) {
                        // Its acceptance is still under way (or being undone): look again next run.
                        allOut = false;
                        continue;
                    }
                    queue.enqueue(batch.get());
                    released++;
                }
                schedule.remove(entry);
            }
            // Progress is recorded only up to the first minute that still holds something.
            contiguous &= allOut && !minute.plus(1, ChronoUnit.MINUTES).plus(SETTLE).isAfter(now);
            if (contiguous) {
                schedule.markReleasedThrough(minute);
            }
        }
        return released;
    }
}
