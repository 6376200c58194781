package com.ninebits.sms.domain.dispatch;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pace: shares of an account's booked time, spent in order, never more than the rate in one second. */
class PaceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant FAR = T0.plus(Duration.ofHours(1));

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter();

    private static Instant at(Pace.Share share) {
        return assertInstanceOf(Pace.At.class, share).start();
    }

    @Test
    void theSpacingIsASecondOverTheRateRoundedUpToTheMicrosecond() {
        assertEquals(Duration.ofMillis(100), Pace.spacing(10));
        assertEquals(Duration.ofNanos(333_334_000), Pace.spacing(3));
        assertEquals(Duration.ofNanos(143_000), Pace.spacing(7_000));
        assertEquals(Duration.ofNanos(100_000), Pace.spacing(10_000));
    }

    @Test
    void sharesFollowOneAnotherAtTheSpacingOfEachMessagesParts() {
        Pace pace = new Pace(limiter, "acc", 10, 100);

        assertEquals(T0, at(pace.next(1, T0, FAR)));
        assertEquals(T0.plusMillis(100), at(pace.next(3, T0, FAR)));
        assertEquals(T0.plusMillis(400), at(pace.next(1, T0.plusMillis(150), FAR)));
    }

    @Test
    void timeThatPassedUnusedIsForfeitedNotMadeUpWithABurst() {
        Pace pace = new Pace(limiter, "acc", 10, 100);
        assertEquals(T0, at(pace.next(1, T0, FAR)));

        // The dispatcher was held up (a full window) for 230 ms.
        assertEquals(T0.plusMillis(230), at(pace.next(1, T0.plusMillis(230), FAR)));
        assertEquals(T0.plusMillis(330), at(pace.next(1, T0.plusMillis(230), FAR)));
    }

    @Test
    void aMessageWhoseLastPartWouldBeginInTheNextSecondWaitsForIt() {
        Pace pace = new Pace(limiter, "acc", 10, 100);

        assertEquals(T0.plusMillis(800), at(pace.next(2, T0.plusMillis(800), FAR)));
        assertEquals(T0.plusSeconds(1), at(pace.next(2, T0.plusMillis(800), FAR)), "parts at 1.0 and 1.1, not 0.9 and 1.0");
    }

    @Test
    void aMessageLongerThanASecondGoesAloneWhereverItBegins() {
        Pace pace = new Pace(limiter, "acc", 2, 100);

        assertEquals(T0.plusMillis(700), at(pace.next(3, T0.plusMillis(700), FAR)));
        assertEquals(T0.plusMillis(2200), at(pace.next(1, T0.plusMillis(1300), FAR)));
    }

    @Test
    void aBookingCoversHalfASecondOfTheRateButNoMoreThanTheChunkHasLeft() {
        Pace pace = new Pace(limiter, "acc", 100, 120);
        for (int i = 0; i < 120; i++) {
            at(pace.next(1, T0, FAR));
        }
        assertEquals(3, limiter.bookings, "50 + 50 + 20 parts");

        Pace small = new Pace(limiter, "other", 100, 3);
        for (int i = 0; i < 3; i++) {
            at(small.next(1, T0, FAR));
        }
        assertEquals(4, limiter.bookings);
        assertEquals(new RateLimiter.Booked(T0.plusMillis(30)), limiter.book("other", Duration.ofMillis(10), T0, FAR),
                "three parts booked, no more");
    }

    @Test
    void aPaceBookedFarAheadByAnotherDispatcherMeansWaitingOrStopping() {
        assertInstanceOf(RateLimiter.Booked.class, limiter.book("acc", Duration.ofSeconds(3), T0, T0));
        Pace pace = new Pace(limiter, "acc", 10, 10);

        assertEquals(new Pace.Wait(Duration.ofSeconds(2)), pace.next(1, T0, FAR), "ask again once the rest lies within a second");
        assertEquals(new Pace.Stop(Duration.ofSeconds(3)), pace.next(1, T0, T0.plusSeconds(2)), "not before the deadline");
        assertEquals(T0.plusSeconds(3), at(pace.next(1, T0.plusSeconds(2), FAR)));
    }

    @Test
    void aShareBeginningAfterTheDeadlineStopsTheChunk() {
        Pace pace = new Pace(limiter, "acc", 10, 10);
        assertEquals(T0, at(pace.next(1, T0, FAR)));

        assertEquals(new Pace.Stop(Duration.ofMillis(100)), pace.next(1, T0, T0.plusMillis(50)));
    }

    @Test
    void aMessageMayStillStartLateButOnlyWithinItsSharesSecond() {
        Pace pace = new Pace(limiter, "acc", 10, 10);
        Instant share = at(pace.next(1, T0.plusMillis(900), FAR));

        assertTrue(pace.stillIn(share, 1, T0.plusMillis(999)));
        assertTrue(!pace.stillIn(share, 1, T0.plusSeconds(1)));
    }

    /** Invariant: dispatchers sharing one account's limiter, each spending its own bookings, never exceed the rate in any second. */
    @RepeatedTest(20)
    void dispatchersSharingTheLimiterNeverExceedTheRateInASecond() {
        Random random = new Random();
        int rate = 1 + random.nextInt(40);
        List<Pace> paces = List.of(new Pace(limiter, "acc", rate, 10_000), new Pace(limiter, "acc", rate, 10_000),
                new Pace(limiter, "acc", rate, 10_000));
        Map<Long, Integer> perSecond = new TreeMap<>();
        List<String> starts = new ArrayList<>();
        Instant now = T0;
        for (int i = 0; i < 400; i++) {
            now = now.plusMillis(random.nextInt(60));
            int parts = 1 + random.nextInt(Math.min(rate, 4));
            Pace pace = paces.get(random.nextInt(paces.size()));
            Pace.Share share = pace.next(parts, now, FAR);
            if (share instanceof Pace.At at) {
                assertTrue(!at.start().isBefore(now), "a share never begins in the past");
                perSecond.merge(at.start().getEpochSecond(), parts, Integer::sum);
                starts.add(parts + "@" + at.start());
            }
        }
        assertTrue(perSecond.values().stream().allMatch(n -> n <= rate),
                "rate " + rate + ", parts per second " + perSecond + ", starts " + starts);
    }
}
