package com.ninebits.sms.domain.quiet;

import com.ninebits.sms.domain.error.Validation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneOffsetTransition;
import java.util.Collection;
import java.util.Optional;

/**
 * An account's quiet hours: every day from {@code start} to {@code end} on the recipient's own
 * wall clock (a window may cross midnight: 21:00 to 08:00). The one statement of when a message
 * may not be submitted: quiet if it is quiet time in any of the recipient's zones.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** Strict: {@code 24:00} is not a time of day here. */
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);

    /**
     * A union of windows over zones far enough apart can cover the whole day; the walk from one
     * window's end to the next stops after this many steps, and the message then waits that long
     * (at worst until it expires).
     */
    private static final int MAX_STEPS = 64;

    public QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same minute");
        }
        if (start.getSecond() != 0 || start.getNano() != 0 || end.getSecond() != 0 || end.getNano() != 0) {
            throw new IllegalArgumentException("quiet hours are whole minutes");
        }
    }

    /** Reads {@code HH:mm} times, naming every bad field at once. */
    public static QuietHours parse(String start, String end) {
        Validation v = new Validation();
        LocalTime from = time("start", start, v);
        LocalTime to = time("end", end, v);
        if (from != null && from.equals(to)) {
            v.add("end", "same_as_start", "end must differ from start (a window of no time, or of the whole day, is not quiet hours)");
        }
        v.throwIfInvalid();
        return new QuietHours(from, to);
    }

    private static LocalTime time(String field, String text, Validation v) {
        if (text == null) {
            v.add(field, "required", field + " is required, as HH:mm");
            return null;
        }
        try {
            if (text.length() == 5) {
                return LocalTime.parse(text, HH_MM);
            }
        } catch (DateTimeException e) {
            // named below
        }
        v.add(field, "invalid_time", field + " must be a time of day as HH:mm (00:00 to 23:59)");
        return null;
    }

    public String startText() {
        return start.format(HH_MM);
    }

    public String endText() {
        return end.format(HH_MM);
    }

    /** Whether {@code time} on the wall clock lies in the window (start included, end not). */
    public boolean covers(LocalTime time) {
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    /** When the quiet time that covers {@code at} in {@code zone} ends; empty when it is not quiet there then. */
    public Optional<Instant> endIn(ZoneId zone, Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        if (!covers(local.toLocalTime())) {
            return Optional.empty();
        }
        LocalDate day = local.toLocalDate();
        // A window crossing midnight, entered before midnight, ends on the next day.
        if (!start.isBefore(end) && !local.toLocalTime().isBefore(start)) {
            day = day.plusDays(1);
        }
        LocalDateTime endLocal = LocalDateTime.of(day, end);
        ZoneOffsetTransition change = zone.getRules().getTransition(endLocal);
        if (change != null && change.isGap()) {
            // The wall clock skips the end: quiet time is over when it jumps past it.
            return Optional.of(change.getInstant());
        }
        // Within an autumn overlap, the first of the two times the wall clock shows the end.
        return Optional.of(ZonedDateTime.of(endLocal, zone).toInstant());
    }

    /**
     * Until when a message to a recipient living in {@code zones} must wait at {@code at}: empty
     * when it is quiet time in none of them. As long as any zone is quiet the wait goes on, to the
     * end of the latest quiet time running, so that at its end no zone is quiet.
     */
    public Optional<Instant> quietUntil(Collection<ZoneId> zones, Instant at) {
        Instant until = at;
        for (int step = 0; step < MAX_STEPS; step++) {
            Instant latest = null;
            for (ZoneId zone : zones) {
                Optional<Instant> end = endIn(zone, until);
                if (end.isPresent() && (latest == null || end.get().isAfter(latest))) {
                    latest = end.get();
                }
            }
            if (latest == null) {
                return step == 0 ? Optional.empty() : Optional.of(until);
            }
            until = latest;
        }
        return Optional.of(until);
    }
}
