package com.ninebits.sms.domain.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackOffTest {

    private final BackOff backOff = new BackOff(Duration.ofSeconds(5), Duration.ofMinutes(1));

    @Test
    void startsAtTheFirstWaitAndDoubles() {
        assertEquals(Duration.ofSeconds(5), backOff.after(1));
        assertEquals(Duration.ofSeconds(10), backOff.after(2));
        assertEquals(Duration.ofSeconds(20), backOff.after(3));
        assertEquals(Duration.ofSeconds(40), backOff.after(4));
    }

    @Test
    void neverExceedsItsMaximumHoweverManyAttempts() {
        assertEquals(Duration.ofMinutes(1), backOff.after(5));
        assertEquals(Duration.ofMinutes(1), backOff.after(Integer.MAX_VALUE));
        BackOff yearLong = new BackOff(Duration.ofMillis(1), Duration.ofDays(365));
        assertEquals(Duration.ofDays(365), yearLong.after(Integer.MAX_VALUE));
    }

    @Test
    void theOtherSidesLongerAskWins() {
        assertEquals(Duration.ofSeconds(30), backOff.after(1, Duration.ofSeconds(30)));
        assertEquals(Duration.ofMinutes(5), backOff.after(5, Duration.ofMinutes(5)), "beyond the maximum too");
    }

    @Test
    void aShorterAskOrNoneLeavesTheBackOff() {
        assertEquals(Duration.ofSeconds(10), backOff.after(2, Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(10), backOff.after(2, null));
    }

    @Test
    void aFirstAttemptBelowOneWaitsTheFirstWait() {
        assertEquals(Duration.ofSeconds(5), backOff.after(0));
    }

    @Test
    void refusesAPolicyThatCannotWait() {
        assertThrows(IllegalArgumentException.class, () -> new BackOff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new BackOff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void neverShrinksAsAttemptsGrow() {
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 100; attempt++) {
            Duration d = backOff.after(attempt);
            assertTrue(d.compareTo(previous) >= 0, "attempt " + attempt);
            previous = d;
        }
    }
}
