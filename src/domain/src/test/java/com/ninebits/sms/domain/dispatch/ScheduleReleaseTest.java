package com.ninebits.sms.domain.dispatch;

import com.ninebits.sms.domain.TestClock;
import com.ninebits.sms.domain.batch.Batch;
import com.ninebits.sms.domain.batch.InMemoryBatchStore;
import com.ninebits.sms.domain.batch.RecordingDispatchQueue;
import com.ninebits.sms.domain.dispatch.ReleaseSchedule.Entry;
import com.ninebits.sms.domain.text.Encoding;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScheduleReleaseTest {

    private static final String ACCOUNT = "acc_1";
    private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");
    /**
     * Half past the 12:10 minute: 12:10 is the current minute, 12:09 the last one that is over and
     * 12:07 the last one past its settle time (ScheduleRelease.SETTLE, two minutes), so the last one marked done.
     */
    private static final Instant NOW = Instant.parse("2026-01-01T12:10:30Z");

    private final TestClock clock = new TestClock(NOW);
    private final InMemorySchedule schedule = new InMemorySchedule();
    private final InMemoryBatchStore batches = new InMemoryBatchStore();
    private final RecordingDispatchQueue queue = new RecordingDispatchQueue();
    private final ScheduleRelease release = new ScheduleRelease(schedule, batches, queue, clock);

    private static Instant minute(int minutesPastNoon) {
        return NOON.plus(Duration.ofMinutes(minutesPastNoon));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    private static Batch batch(String reference, String token, Batch.State state, Instant sendAt) {
        return new Batch(ACCOUNT, reference, token, "fingerprint", state, "myCode", "Hello", Encoding.GSM7, 1, false,
                NOON.minus(Duration.ofDays(1)), sendAt, sendAt.plus(Duration.ofHours(72)), null, List.of("2348020000000"),
                List.of(), 1);
    }

    /** An accepted scheduled batch, stored and filed under its minute. */
    private Entry scheduled(String reference, Instant sendAt) {
        return scheduled(reference, Batch.State.ACCEPTED, sendAt);
    }

    private Entry scheduled(String reference, Batch.State state, Instant sendAt) {
        batches.put(batch(reference, "tok-" + reference, state, sendAt));
        Entry entry = new Entry(ACCOUNT, reference, "tok-" + reference, sendAt);
        schedule.file(entry);
        return entry;
    }

    private static List<Instant> minutes(int fromPastNoon, int toPastNoon) {
        return java.util.stream.IntStream.rangeClosed(fromPastNoon, toPastNoon).mapToObj(ScheduleReleaseTest::minute).toList();
    }

    @Test
    void releasesAnEntryWhoseSendAtHasPassedAndRemovesIt() {
        schedule.startReleasedThrough(minute(4));
        scheduled("r1", at("12:05:10"));

        int released = release.releaseDue();

        assertEquals(1, released);
        assertEquals(List.of("r1"), queue.references());
        assertEquals(batches.find(ACCOUNT, "r1").orElseThrow(), queue.enqueued().get(0));
        assertEquals(List.of(), schedule.remaining());
    }

    @Test
    void leavesAnEntryThatIsNotYetDue() {
        schedule.startReleasedThrough(minute(9));
        Entry laterThisMinute = scheduled("r1", at("12:10:45"));
        Entry nextMinute = scheduled("r2", at("12:11:00"));

        assertEquals(0, release.releaseDue());
        assertEquals(List.of(), queue.enqueued());
        assertEquals(List.of(laterThisMinute, nextMinute), schedule.remaining());

        clock.set(at("12:10:45"));
        assertEquals(1, release.releaseDue());
        assertEquals(List.of("r1"), queue.references());
        assertEquals(List.of(nextMinute), schedule.remaining());

        clock.set(at("12:11:00"));
        assertEquals(1, release.releaseDue());
        assertEquals(List.of("r1", "r2"), queue.references());
        assertEquals(List.of(), schedule.remaining());
    }

    @Test
    void releasesWhatIsDueInTheCurrentMinuteButNeverMarksTheCurrentMinuteDone() {
        schedule.startReleasedThrough(minute(9));
        scheduled("r1", at("12:10:10"));

        assertEquals(1, release.releaseDue());

        assertEquals(List.of("r1"), queue.references());
        assertEquals(List.of(), schedule.marks);
        assertEquals(Optional.of(minute(9)), schedule.releasedThrough());
    }

    @Test
    void marksEveryPastMinuteDoneInOrderUpToTheLastOneThatHasSettled() {
        schedule.startReleasedThrough(minute(4));
        scheduled("r1", at("12:06:59"));

        release.releaseDue();

        assertEquals(minutes(5, 7), schedule.marks);
        assertEquals(Optional.of(minute(7)), schedule.releasedThrough());
    }

    @Test
    void stopsMarkingAtAMinuteThatStillHoldsAPendingBatchButReleasesLaterOnes() {
        schedule.startReleasedThrough(minute(4));
        Entry pending = scheduled("p", Batch.State.PENDING, at("12:06:20"));
        scheduled("a", at("12:08:00"));

        assertEquals(1, release.releaseDue());

        assertEquals(List.of("a"), queue.references());
        assertEquals(List.of(pending), schedule.remaining());
        assertEquals(List.of(minute(5)), schedule.marks);
        assertEquals(Optional.of(minute(5)), schedule.releasedThrough());

        batches.put(batches.find(ACCOUNT, "p").orElseThrow().accepted());
        clock.set(at("12:10:50"));

        assertEquals(1, release.releaseDue());
        assertEquals(List.of("a", "p"), queue.references());
        assertEquals(List.of(), schedule.remaining());
        assertEquals(minutes(5, 7), schedule.marks);
    }

    @Test
    void dropsAnEntryWhoseBatchTokenDiffers() {
        schedule.startReleasedThrough(minute(4));
        // The batch now holding the reference comes from a later acceptance than the entry.
        batches.put(batch("r1", "tok-new", Batch.State.ACCEPTED, at("12:06:00")));
        schedule.file(new Entry(ACCOUNT, "r1", "tok-old", at("12:06:00")));

        assertEquals(0, release.releaseDue());

        assertEquals(List.of(), queue.enqueued());
        assertEquals(List.of(), schedule.remaining());
        assertEquals(minutes(5, 7), schedule.marks);
    }

    @Test
    void dropsAnEntryWhoseBatchTokenDiffersEvenWhileThatBatchIsPending() {
        schedule.startReleasedThrough(minute(4));
        batches.put(batch("r1", "tok-new", Batch.State.PENDING, at("12:06:00")));
        schedule.file(new Entry(ACCOUNT, "r1", "tok-old", at("12:06:00")));

        assertEquals(0, release.releaseDue());

        assertEquals(List.of(), queue.enqueued());
        assertEquals(List.of(), schedule.remaining());
        assertEquals(Optional.of(minute(7)), schedule.releasedThrough());
    }

    @Test
    void dropsAnEntryWhoseBatchIsGone() {
        schedule.startReleasedThrough(minute(4));
        schedule.file(new Entry(ACCOUNT, "undone", "tok-undone", at("12:07:00")));

        assertEquals(0, release.releaseDue());

        assertEquals(List.of(), queue.enqueued());
        assertEquals(List.of(), schedule.remaining());
        assertEquals(Optional.of(minute(7)), schedule.releasedThrough());
    }

    @Test
    void doesNotReleaseTwiceWhenRunTwice() {
        schedule.startReleasedThrough(minute(4));
        scheduled("r1", at("12:05:10"));
        scheduled("r2", at("12:10:00"));

        assertEquals(2, release.releaseDue());
        assertEquals(0, release.releaseDue());
        clock.set(at("12:11:30"));
        assertEquals(0, release.releaseDue());

        assertEquals(List.of("r1", "r2"), queue.references());
        assertEquals(minutes(5, 8), schedule.marks);
    }

    @Test
    void releasesEarlierMinutesFirst() {
        schedule.startReleasedThrough(minute(4));
        scheduled("r3", at("12:08:00"));
        scheduled("r1", at("12:05:59"));
        scheduled("r2", at("12:06:01"));

        assertEquals(3, release.releaseDue());

        assertEquals(List.of("r1", "r2", "r3"), queue.references());
    }

    @Test
    void aFirstRunLooksBackExactlyOneHour() {
        Entry tooOld = scheduled("old", NOW.minus(Duration.ofHours(1)).minusSeconds(31));
        scheduled("day", NOW.minus(Duration.ofHours(1)).minusSeconds(25));

        assertEquals(1, release.releaseDue());

        assertEquals(List.of("day"), queue.references());
        assertEquals(List.of(tooOld), schedule.remaining());
        assertEquals(60 - 2, schedule.marks.size());
        assertEquals(minute(10).minus(Duration.ofHours(1)), schedule.marks.get(0));
        assertEquals(Optional.of(minute(7)), schedule.releasedThrough());
    }

    /**
     * BatchSubmission checks that send_at is in the future, then reserves credit, then files the
     * entry: the entry can land under a minute that is already over. The minute is therefore not
     * marked done until it has settled, and such a late entry is still released.
     */
    @Test
    void anEntryFiledJustAfterItsMinuteEndedIsStillReleased() {
        schedule.startReleasedThrough(minute(9));
        clock.set(at("12:11:00.050"));
        assertEquals(0, release.releaseDue());
        assertEquals(List.of(), schedule.marks);

        scheduled("late", at("12:10:59.950"));
        clock.set(at("12:12:00"));

        assertEquals(1, release.releaseDue(), "an entry filed under an already released minute was never released");
        assertEquals(List.of("late"), queue.references());
    }
}
