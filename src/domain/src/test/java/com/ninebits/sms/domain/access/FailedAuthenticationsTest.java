package com.ninebits.sms.domain.access;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailedAuthenticationsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FailedAuthentications failures = new FailedAuthentications(3, MINUTE);

    private void fail(String address, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            failures.failed(address, at);
        }
    }

    @Test
    void anAddressMayFailAFewTimesBeforeItIsRefused() {
        fail("198.51.100.7", 2, T0);
        assertEquals(Optional.empty(), failures.blocked("198.51.100.7", T0));

        failures.failed("198.51.100.7", T0.plusSeconds(10));

        assertEquals(Optional.of(Duration.ofSeconds(50)), failures.blocked("198.51.100.7", T0.plusSeconds(10)));
    }

    @Test
    void theRefusalEndsWithItsWindow() {
        fail("198.51.100.7", 3, T0);

        assertEquals(Optional.empty(), failures.blocked("198.51.100.7", T0.plus(MINUTE)));
    }

    @Test
    void failuresInAnEarlierWindowDoNotCount() {
        fail("198.51.100.7", 2, T0);
        fail("198.51.100.7", 2, T0.plus(MINUTE));

        assertEquals(Optional.empty(), failures.blocked("198.51.100.7", T0.plus(MINUTE)));
    }

    @Test
    void anotherAddressIsUnaffected() {
        fail("198.51.100.7", 3, T0);

        assertEquals(Optional.empty(), failures.blocked("203.0.113.9", T0));
    }

    @Test
    void memoryIsBoundedByForgettingTheAddressSeenLongestAgo() {
        fail("198.51.100.7", 3, T0);
        for (int i = 0; i < FailedAuthentications.MAX_ADDRESSES; i++) {
            failures.failed("10.0." + (i / 256) + "." + (i % 256), T0);
        }

        assertEquals(Optional.empty(), failures.blocked("198.51.100.7", T0));
    }
}
