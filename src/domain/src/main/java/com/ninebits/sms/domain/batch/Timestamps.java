package com.ninebits.sms.domain.batch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Timestamps in: ISO-8601 with an offset, or {@code yyyy-MM-dd HH:mm:ss} taken as UTC. Out (the
 * API's answers, the callbacks' bodies): ISO-8601 UTC with exactly three fractional digits, so
 * that the order of events within one second can be read and every answer has one shape.
 */
public final class Timestamps {

    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter OUT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private Timestamps() {
    }

    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException ignored) {
            // not ISO with an offset: try the plain form
        }
        try {
            return Optional.of(LocalDateTime.parse(t, PLAIN).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code 2026-11-28T13:40:02.123Z}; null for null. Finer digits are cut, never rounded up. */
    public static String out(Instant instant) {
        return instant == null ? null : OUT.format(instant);
    }
}
