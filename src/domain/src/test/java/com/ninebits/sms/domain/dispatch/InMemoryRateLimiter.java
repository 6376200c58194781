package com.ninebits.sms.domain.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The limiter as the store keeps it: one instant per account, where what is booked ends. A booking
 * starts there if that is still ahead of now (and no later than the caller would start), or now
 * if nothing is booked beyond it; either way the end moves on by the length booked.
 */
final class InMemoryRateLimiter implements RateLimiter {

    private final Map<String, Instant> bookedUntil = new HashMap<>();
    int bookings;

    @Override
    public synchronized Booking book(String accountId, Duration length, Instant now, Instant latestStart) {
        Instant until = bookedUntil.get(accountId);
        Instant from = until == null || !until.isAfter(now) ? now : until;
        if (from.isAfter(latestStart)) {
            return new Full(until == null ? now : until);
        }
        bookedUntil.put(accountId, from.plus(length));
        bookings++;
        return new Booked(from);
    }
}
