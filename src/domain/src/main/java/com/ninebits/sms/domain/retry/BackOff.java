package com.ninebits.sms.domain.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before trying again: {@code first} after the first failure, doubling with each
 * one after it, never more than {@code max}; and never less than what the other side asked for
 * (a 429's or 503's Retry-After, an SMSC's own "not before").
 */
public record BackOff(Duration first, Duration max) {

    public BackOff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off must start above zero and at most at its maximum");
        }
    }

    /** The wait after the {@code attempt}-th failure (1 for the first). */
    public Duration after(int attempt) {
        Duration wait = first;
        // Doubling stops at the maximum, so no number of attempts overflows.
        for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** As {@link #after(int)}, or {@code askedFor} when the other side asked for longer (null: it did not ask). */
    public Duration after(int attempt, Duration askedFor) {
        Duration wait = after(attempt);
        return askedFor != null && askedFor.compareTo(wait) > 0 ? askedFor : wait;
    }
}
