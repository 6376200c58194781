package com.ninebits.sms.domain.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * An account's pace, shared by every dispatcher instance: a timeline that dispatchers book runs of,
 * each run theirs alone, so that the parts they start in it never add up across instances to more
 * than the rate. The store keeps one instant per account, the end of what is booked.
 */
public interface RateLimiter {

    /** What a booking got. */
    sealed interface Booking permits Booked, Full {
    }

    /** The run from {@code from}, as long as was asked, is booked for the caller. */
    record Booked(Instant from) implements Booking {
    }

    /** Nothing was booked: the pace is booked up to {@code until}, later than the caller would start. */
    record Full(Instant until) implements Booking {
    }

    /**
     * Books the next {@code length} of the account's pace: from {@code now} when nothing is booked
     * beyond it, else from where the bookings end, if that is no later than {@code latestStart}.
     */
    Booking book(String accountId, Duration length, Instant now, Instant latestStart);
}
