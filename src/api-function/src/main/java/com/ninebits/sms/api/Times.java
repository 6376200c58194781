package com.ninebits.sms.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps out: ISO-8601 UTC to the second, as the contract shows them. */
public final class Times {

    private Times() {
    }

    public static String out(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
