package com.ninebits.sms.events;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in a test that moves time instead of waiting for it: it runs at the real
 * rate (so that the dispatcher's pace and waits still end) from wherever the test last set it.
 * Enabled only by the profiles that name it.
 */
@Alternative
@Singleton
public class MovableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    /** From now on, the clock reads {@code instant} and runs on from there; it never goes back. */
    public void setTo(Instant instant) {
        Duration next = Duration.between(Instant.now(), instant);
        if (next.compareTo(ahead.get()) < 0) {
            throw new IllegalArgumentException("the clock only moves forward: " + instant + " is before " + instant());
        }
        ahead.set(next);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
