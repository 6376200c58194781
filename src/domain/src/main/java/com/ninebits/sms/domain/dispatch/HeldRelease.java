package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.batch.DispatchChunk;
import com.ninebits.sms.domain.dispatch.DispatchRequeue.Released;
import com.ninebits.sms.domain.dispatch.HeldMessages.Held;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Puts messages held for quiet hours back on the dispatch queue once they are due: run every
 * minute beside {@link ScheduleRelease}, minute by minute in the same way. Held messages of one
 * batch that are due together and stand next to each other go as one chunk; chunks go in FIFO
 * order (due time, then the batch's acceptance, then {@code to} order), so an account's held
 * messages leave in the order they would have. An entry is removed only once its chunk is on the
 * queue; the queue drops a second copy of the same release, and the dispatcher's claim sends a
 * message once however often its chunk comes, so a crash in between releases it once.
 */
public final class HeldRelease {

    /** A minute is marked done only this long after it ended (as {@link ScheduleRelease#SETTLE}). */
    static final Duration SETTLE = ScheduleRelease.SETTLE;
    static final Duration FIRST_LOOK_BACK = ScheduleRelease.FIRST_LOOK_BACK;

    static final Comparator<Held> FIFO = Comparator.comparing(Held::due)
            .thenComparing(Held::acceptedAt)
            .thenComparing(Held::accountId)
            .thenComparing(Held::referenceId)
            .thenComparingInt(Held::index);

    private final HeldMessages held;
    private final DispatchRequeue queue;
    private final Clock clock;
    private final int chunkSize;

    public HeldRelease(HeldMessages held, DispatchRequeue queue, Clock clock, int chunkSize) {
        this.held = held;
        this.queue = queue;
        this.clock = clock;
        this.chunkSize = chunkSize;
    }

    /** Releases what is due; returns how many messages went back on the queue. */
    public int releaseDue() {
        Instant now = clock.instant();
        Instant currentMinute = now.truncatedTo(ChronoUnit.MINUTES);
        Optional<Instant> done = held.releasedThrough();
        Instant minute = done.map(m -> m.plus(1, ChronoUnit.MINUTES)).orElse(currentMinute.minus(FIRST_LOOK_BACK));
        int released = 0;
        boolean contiguous = true;
        for (; !minute.isAfter(currentMinute); minute = minute.plus(1, ChronoUnit.MINUTES)) {
            List<Held> filed = held.filedUnder(minute);
            List<Held> due = filed.stream().filter(h -> !h.due().isAfter(now)).sorted(FIFO).toList();
            if (!due.isEmpty()) {
                queue.requeue(chunks(due));
                held.remove(due);
                released += due.size();
            }
            // Progress is recorded only up to the first minute that still holds something.
            contiguous &= due.size() == filed.size() && !minute.plus(1, ChronoUnit.MINUTES).plus(SETTLE).isAfter(now);
            if (contiguous) {
                held.markReleasedThrough(minute);
            }
        }
        return released;
    }

    /** Runs of neighbours of one batch due together, at most a chunk each, in the order given. */
    List<Released> chunks(List<Held> due) {
        List<Released> out = new ArrayList<>();
        List<Held> run = new ArrayList<>();
        for (Held h : due) {
            if (!run.isEmpty() && !continues(run, h)) {
                out.add(released(run));
                run = new ArrayList<>();
            }
            run.add(h);
        }
        if (!run.isEmpty()) {
            out.add(released(run));
        }
        return out;
    }

    private boolean continues(List<Held> run, Held next) {
        Held last = run.get(run.size() - 1);
        return run.size() < chunkSize && last.accountId().equals(next.accountId())
                && last.referenceId().equals(next.referenceId()) && last.token().equals(next.token())
                && last.due().equals(next.due()) && last.index() + 1 == next.index();
    }

    private static Released released(List<Held> run) {
        Held first = run.get(0);
        return new Released(new DispatchChunk(first.accountId(), first.referenceId(), first.token(), first.index(),
                run.stream().map(Held::to).toList()), first.due());
    }
}
