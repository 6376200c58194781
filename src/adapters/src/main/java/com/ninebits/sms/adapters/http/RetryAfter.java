package com.ninebits.sms.adapters.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An HTTP {@code Retry-After} header: delta-seconds or an HTTP date. */
public final class RetryAfter {

    // SQS delays a message by 15 minutes at most; a longer Retry-After could not be honoured anyway.
    public static final Duration LONGEST = Duration.ofMinutes(15);

    private RetryAfter() {
    }

    /** The wait the header asks for, kept between one second and {@link #LONGEST}; {@code otherwise} when absent or unreadable. */
    public static Duration parse(String header, Instant now, Duration otherwise) {
        if (header == null || header.isBlank()) {
            return otherwise;
        }
        Duration wait;
        String value = header.trim();
        try {
            wait = Duration.ofSeconds(Long.parseLong(value));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notADate) {
                return otherwise;
            }
        }
        if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
