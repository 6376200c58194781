package com.ninebits.sms.domain.batch;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Timestamps out: one shape for every answer and callback, ISO-8601 UTC with exactly three fractional digits. */
class TimestampsTest {

    @Test
    void givesMillisecondsEvenOnAWholeSecond() {
        assertEquals("2026-11-28T13:40:02.000Z", Timestamps.out(Instant.parse("2026-11-28T13:40:02Z")));
        assertEquals("2026-11-28T13:40:02.100Z", Timestamps.out(Instant.parse("2026-11-28T13:40:02.1Z")));
    }

    @Test
    void cutsFinerDigitsWithoutRoundingIntoTheNextMillisecond() {
        assertEquals("2026-11-28T13:40:02.123Z", Timestamps.out(Instant.parse("2026-11-28T13:40:02.123999999Z")));
        assertEquals("2026-12-31T23:59:59.999Z", Timestamps.out(Instant.parse("2026-12-31T23:59:59.999999Z")));
    }

    @Test
    void readsBackWhatItWrites() {
        Instant t = Instant.parse("2026-11-28T13:40:02.007Z");
        assertEquals(t, Timestamps.parse(Timestamps.out(t)).orElseThrow());
    }

    @Test
    void leavesAnAbsentTimeAbsent() {
        assertNull(Timestamps.out(null));
    }
}
