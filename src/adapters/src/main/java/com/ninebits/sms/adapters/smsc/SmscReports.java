package com.ninebits.sms.adapters.smsc;

import com.ninebits.sms.domain.error.DomainException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every connector's delivery reports share: the secret they carry (in the URL's
 * {@code secret} or the {@code X-DLR-Secret} header), and their timestamps.
 */
public final class SmscReports {

    public static final String SECRET_HEADER = "X-DLR-Secret";
    public static final String SECRET_PARAMETER = "secret";

    private static final Logger LOG = Logger.getLogger(SmscReports.class);

    private SmscReports() {
    }

    /**
     * Refuses the report unless it carries {@code expected}, compared in constant time; with no
     * secret configured every report is refused.
     */
    public static void authenticate(String connector, Optional<String> expected, Map<String, List<String>> query,
                                    String headerSecret) {
        String queried = first(query, SECRET_PARAMETER);
        String presented = queried != null ? queried : headerSecret;
        boolean authentic = expected.filter(e -> !e.isBlank()).isPresent() && presented != null
                && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
        if (!authentic) {
            LOG.warnf("dlr connector=%s refused: bad or missing secret", connector);
            throw new DomainException.Unauthorized("the DLR secret is missing or wrong");
        }
    }

    /** Beyond year 9999 an instant no longer fits the stores' epoch milliseconds or ISO text. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * Unix seconds (Kannel's {@code %T}) or ISO-8601; empty when neither. A number or instant out
     * of range (before 1970 or past {@link #LATEST}) is refused: the report is malformed, and an
     * SMSC told so stops sending it, where a 5xx would have it retried forever.
     */
    public static Optional<Instant> timestamp(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        Optional<Instant> read = t.matches("[+-]?[0-9]+") ? epochSeconds(t) : iso(t);
        read.filter(i -> i.isBefore(Instant.EPOCH) || i.isAfter(LATEST)).ifPresent(i -> {
            throw outOfRange();
        });
        return read;
    }

    private static Optional<Instant> epochSeconds(String t) {
        try {
            long seconds = Long.parseLong(t);
            if (seconds < 0 || seconds > LATEST.getEpochSecond()) {
                throw outOfRange();
            }
            return Optional.of(Instant.ofEpochSecond(seconds));
        } catch (NumberFormatException tooLong) {
            throw outOfRange();
        }
    }

    /**
     * Not {@code Timestamps.parse}, the API's reader: that one goes through {@code OffsetDateTime},
     * which cannot hold the far years {@code Instant} reads, so a report dated past year 999,999,999
     * would pass as undated instead of being refused as out of range.
     */
    private static Optional<Instant> iso(String t) {
        try {
            return Optional.of(Instant.parse(t));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static DomainException.Invalid outOfRange() {
        return DomainException.Invalid.of("timestamp", "out_of_range",
                "the report's timestamp is out of range (Unix seconds from 1970 to 9999, or ISO-8601)");
    }

    /** The longest error code kept from a report: what an SMSC says beyond it is cut. */
    public static final int ERROR_CODE_LENGTH = 64;

    /** {@code code} cut to {@link #ERROR_CODE_LENGTH}; null for null. */
    public static String bounded(String code) {
        return code == null || code.length() <= ERROR_CODE_LENGTH ? code : code.substring(0, ERROR_CODE_LENGTH);
    }

    /** The first value of a query parameter, as a resource's {@code @QueryParam} would read it. */
    public static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
