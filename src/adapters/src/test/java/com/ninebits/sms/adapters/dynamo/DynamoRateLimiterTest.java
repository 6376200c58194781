package com.ninebits.sms.adapters.dynamo;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DynamoRateLimiterTest {

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T12:00:00.250Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final DynamoRateLimiter limiter = new DynamoRateLimiter(LocalTables.tables(), clock);
    private final String account = LocalTables.unique("acc");

    @Test
    void partsAreTakenUpToTheRateInOneSecond() {
        assertEquals(Duration.ZERO, limiter.acquire(account, 5, 3));
        assertEquals(Duration.ZERO, limiter.acquire(account, 5, 2));

        assertEquals(Duration.ofMillis(750), limiter.acquire(account, 5, 1), "the rest of the second");
    }

    @Test
    void aNewSecondOpensANewWindow() {
        limiter.acquire(account, 5, 5);

        clock.now = clock.now.plusSeconds(1);

        assertEquals(Duration.ZERO, limiter.acquire(account, 5, 5));
        assertEquals(Duration.ofMillis(750), limiter.acquire(account, 5, 1));
    }

    @Test
    void partsThatWouldOverfillTheWindowAreNotTaken() {
        limiter.acquire(account, 5, 4);

        assertEquals(Duration.ofMillis(750), limiter.acquire(account, 5, 2));
        assertEquals(Duration.ZERO, limiter.acquire(account, 5, 1), "the refused parts were not counted");
    }

    @Test
    void askingForMoreThanTheRateAtOnceIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> limiter.acquire(account, 5, 6));
    }

    @Test
    void accountsHaveWindowsOfTheirOwn() {
        limiter.acquire(account, 5, 5);

        assertEquals(Duration.ZERO, limiter.acquire(LocalTables.unique("acc"), 5, 5));
    }
}
