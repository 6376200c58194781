package com.ninebits.sms.api;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in {@link PortalClockProfile}: the real time plus an offset a test moves
 * forward, so that expiry and lock-out are tested without sleeping.
 */
@Alternative
@Singleton
public class MovableClock extends Clock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    static void advance(Duration by) {
        OFFSET.updateAndGet(d -> d.plus(by));
    }

    static void reset() {
        OFFSET.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(OFFSET.get());
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }
}
