package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.RateLimiter.Booked;
import com.ninebits.sms.domain.dispatch.RateLimiter.Booking;
import com.ninebits.sms.domain.dispatch.RateLimiter.Full;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The account's pace on the real store: each booking is one conditional write, and runs never overlap. */
class DynamoRateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00.250Z");
    private static final Duration HALF = Duration.ofMillis(500);

    private final DynamoRateLimiter limiter = new DynamoRateLimiter(LocalTables.tables());
    private final String account = LocalTables.unique("acc");

    private static Instant booked(Booking booking) {
        return assertInstanceOf(Booked.class, booking).from();
    }

    @Test
    void theFirstBookingStartsNow() {
        assertEquals(T0, booked(limiter.book(account, HALF, T0, T0.plusSeconds(1))));
    }

    @Test
    void aSecondBookingStartsWhereTheFirstEnds() {
        limiter.book(account, HALF, T0, T0.plusSeconds(1));

        assertEquals(T0.plus(HALF), booked(limiter.book(account, HALF, T0, T0.plusSeconds(1))));
    }

    @Test
    void anotherInstanceWithItsOwnMemoryStillGetsARunOfItsOwn() {
        limiter.book(account, HALF, T0, T0.plusSeconds(1));
        DynamoRateLimiter other = new DynamoRateLimiter(LocalTables.tables());

        assertEquals(T0.plus(HALF), booked(other.book(account, HALF, T0, T0.plusSeconds(1))));
    }

    @Test
    void aBookingThatWouldStartTooLateIsNotMadeAndSaysUntilWhenItIsFull() {
        limiter.book(account, Duration.ofSeconds(1), T0, T0.plusSeconds(1));

        Full full = assertInstanceOf(Full.class, limiter.book(account, HALF, T0, T0.plusMillis(100)));

        assertEquals(T0.plusSeconds(1), full.until());
        assertEquals(T0.plusSeconds(1), booked(limiter.book(account, HALF, T0, T0.plusSeconds(2))),
                "the refused booking took nothing");
    }

    @Test
    void onceTheBookingsHavePassedTheNextStartsFromNowNotFromThePast() {
        limiter.book(account, HALF, T0, T0.plusSeconds(1));
        Instant later = T0.plusSeconds(5);

        assertEquals(later, booked(limiter.book(account, HALF, later, later.plusSeconds(1))));
    }

    @Test
    void accountsHavePacesOfTheirOwn() {
        limiter.book(account, Duration.ofSeconds(1), T0, T0.plusSeconds(1));

        assertEquals(T0, booked(limiter.book(LocalTables.unique("acc"), HALF, T0, T0.plusSeconds(1))));
    }
}
