package com.ninebits.sms.domain.quiet;

import com.ninebits.sms.domain.error.DomainException;
import com.ninebits.sms.domain.phone.PhoneNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quiet rule: the recipient's zones from the number, quiet if it is quiet time in any of them. */
class QuietHoursTest {

    private static final QuietHours NIGHT = QuietHours.parse("21:00", "08:00");
    private static final QuietHours LUNCH = QuietHours.parse("12:00", "13:30");
    private static final RegionZones ZONES = RegionZones.tzdata();

    private static Optional<Instant> until(QuietHours hours, String e164, String utc) {
        return hours.quietUntil(ZONES.ofNumber(e164), Instant.parse(utc));
    }

    @ParameterizedTest(name = "{0} at {1}: held until {2}")
    @CsvSource({
            // Nigeria, one zone (Africa/Lagos, UTC+1 all year): 21:00-08:00 local is 20:00-07:00 UTC.
            "2348020000000, 2026-01-01T19:59:00Z, ",
            "2348020000000, 2026-01-01T20:00:00Z, 2026-01-02T07:00:00Z",
            "2348020000000, 2026-01-02T03:00:00Z, 2026-01-02T07:00:00Z",
            "2348020000000, 2026-01-02T06:59:59Z, 2026-01-02T07:00:00Z",
            "2348020000000, 2026-01-02T07:00:00Z, ",
            // Germany in winter (UTC+1) and in summer (UTC+2): the same wall clock, other instants.
            "4915112345678, 2026-01-15T06:30:00Z, 2026-01-15T07:00:00Z",
            "4915112345678, 2026-07-15T06:30:00Z, ",
            "4915112345678, 2026-07-15T05:30:00Z, 2026-07-15T06:00:00Z",
            // Japan (UTC+9, no DST): 23:00 local.
            "819012345678, 2026-03-01T14:00:00Z, 2026-03-01T23:00:00Z",
            // India (UTC+5:30): a zone off the hour.
            "919876543210, 2026-03-01T02:00:00Z, 2026-03-01T02:30:00Z",
    })
    void holdsUntilTheEndOfTheRecipientsNight(String e164, String at, String expected) {
        assertEquals(Optional.ofNullable(expected).map(Instant::parse), until(NIGHT, e164, at));
    }

    @Test
    void aUsNumberIsQuietWhileItIsQuietAnywhereInTheUs() {
        String newYork = "12125550123";
        List<ZoneId> us = ZONES.ofNumber(newYork);
        assertTrue(us.contains(ZoneId.of("America/New_York")) && us.contains(ZoneId.of("America/Los_Angeles"))
                && us.contains(ZoneId.of("Pacific/Honolulu")), us.toString());
        // 13:00 UTC in January: 08:00 in New York, 05:00 in Los Angeles, 03:00 in Honolulu.
        // Honolulu (UTC-10) is quiet until 08:00 there, 18:00 UTC; Anchorage (-9) and Adak (-10) end before or then.
        assertEquals(Optional.of(Instant.parse("2026-01-15T18:00:00Z")), until(NIGHT, newYork, "2026-01-15T13:00:00Z"));
        // 19:00 UTC: 14:00 in New York, 09:00 in Honolulu: nowhere quiet.
        assertEquals(Optional.empty(), until(NIGHT, newYork, "2026-01-15T19:00:00Z"));
        // 02:00 UTC: 21:00 in New York: quiet there, until 08:00 in Honolulu the next day (18:00 UTC).
        assertEquals(Optional.of(Instant.parse("2026-01-16T18:00:00Z")), until(NIGHT, newYork, "2026-01-16T02:00:00Z"));
    }

    @Test
    void aRussianNumberWaitsForTheLatestNightOfElevenZones() {
        String moscow = "79161234567";
        List<ZoneId> ru = ZONES.ofNumber(moscow);
        assertTrue(ru.size() >= 10, ru.toString());
        // 12:00 UTC: 15:00 in Moscow, but 00:00 in Kamchatka (UTC+12): quiet there until 08:00, 20:00 UTC,
        // when it is 21:00 in Kaliningrad (UTC+2): quiet again until 08:00 there, 06:00 UTC, when Kamchatka is at 18:00.
        assertEquals(Optional.of(Instant.parse("2026-03-02T06:00:00Z")), until(NIGHT, moscow, "2026-03-01T12:00:00Z"));
        // A lunch break is short enough to leave hours in which no Russian zone has it.
        assertEquals(Optional.empty(), until(LUNCH, moscow, "2026-03-01T12:00:00Z"));
    }

    @Test
    void anAustralianNumberSpansItsZonesAndTheirOwnDst() {
        String sydney = "61412345678";
        List<ZoneId> au = ZONES.ofNumber(sydney);
        assertTrue(au.contains(ZoneId.of("Australia/Perth")) && au.contains(ZoneId.of("Australia/Sydney")), au.toString());
        // 22:00 UTC in January: 09:00 in Sydney (DST, +11), 06:00 in Perth (+8): Perth ends 08:00, 00:00 UTC;
        // Lord Howe (+11) and Eucla (+8:45) end sooner or then.
        assertEquals(Optional.of(Instant.parse("2026-01-16T00:00:00Z")), until(NIGHT, sydney, "2026-01-15T22:00:00Z"));
    }

    @Test
    void aWindowWithinTheDayDoesNotCrossMidnight() {
        String lagos = "2348020000000";
        assertEquals(Optional.of(Instant.parse("2026-01-01T12:30:00Z")), until(LUNCH, lagos, "2026-01-01T11:00:00Z"));
        assertEquals(Optional.empty(), until(LUNCH, lagos, "2026-01-01T12:30:00Z"));
        assertEquals(Optional.empty(), until(LUNCH, lagos, "2026-01-01T22:00:00Z"));
    }

    @Test
    void anEndInTheSpringForwardGapIsTheFirstInstantAfterIt() {
        // Berlin skips 02:00-03:00 on 2026-03-29: quiet until 02:30 ends at 03:00 CEST, 01:00 UTC.
        QuietHours small = QuietHours.parse("23:00", "02:30");
        assertEquals(Optional.of(Instant.parse("2026-03-29T01:00:00Z")),
                small.quietUntil(List.of(ZoneId.of("Europe/Berlin")), Instant.parse("2026-03-28T23:00:00Z")));
    }

    @Test
    void theNightOfTheAutumnChangeIsAnHourLonger() {
        // Berlin: 21:00 CEST on 2026-10-24 is 19:00 UTC; 08:00 CET on the 25th is 07:00 UTC: 12 h, not 11.
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant nine = Instant.parse("2026-10-24T19:00:00Z");
        assertEquals(Optional.of(Instant.parse("2026-10-25T07:00:00Z")), NIGHT.quietUntil(List.of(berlin), nine));
        assertEquals(Optional.empty(), NIGHT.quietUntil(List.of(berlin), nine.minusSeconds(1)));
    }

    @Test
    void aNumberWithoutARegionIsNeverQuiet() {
        assertEquals(Optional.empty(), PhoneNumbers.regionOf("80012345678"));
        assertEquals(Optional.empty(), until(NIGHT, "80012345678", "2026-01-01T03:00:00Z"));
    }

    @Test
    void zonesThatTogetherCoverTheWholeDayHoldAsLongAsTheWalkGoes() {
        // Sixteen quiet hours in each of three zones eight hours apart: some zone is always quiet.
        QuietHours long_ = QuietHours.parse("18:00", "10:00");
        List<ZoneId> apart = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai"), ZoneId.of("America/Los_Angeles"));
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Instant held = long_.quietUntil(apart, at).orElseThrow();
        assertTrue(held.isAfter(at.plusSeconds(5 * 86_400)), "held for as long as the walk goes (then until expiry): " + held);
    }

    @Test
    void startsAreIncludedAndEndsAreNot() {
        assertTrue(NIGHT.covers(LocalTime.of(21, 0)));
        assertTrue(NIGHT.covers(LocalTime.of(0, 0)));
        assertTrue(NIGHT.covers(LocalTime.of(7, 59, 59)));
        assertTrue(!NIGHT.covers(LocalTime.of(8, 0)));
        assertTrue(!NIGHT.covers(LocalTime.of(20, 59, 59)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9:00", "24:00", "21:60", "21:00:00", "nine", ""})
    void refusesATimeThatIsNotHhMm(String start) {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class, () -> QuietHours.parse(start, "08:00"));
        assertEquals(List.of("start"), e.errors().stream().map(f -> f.field()).toList());
        assertEquals("invalid_time", e.errors().get(0).code());
    }

    @Test
    void refusesAWindowThatStartsWhereItEnds() {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class, () -> QuietHours.parse("08:00", "08:00"));
        assertEquals("same_as_start", e.errors().get(0).code());
    }

    @Test
    void namesBothMissingFieldsAtOnce() {
        DomainException.Invalid e = assertThrows(DomainException.Invalid.class, () -> QuietHours.parse(null, null));
        assertEquals(List.of("start", "end"), e.errors().stream().map(f -> f.field()).toList());
    }

    @Test
    void everyZoneOfTheTableIsKnownToTheRuntimeAndEveryCountryOfLibphonenumberHasOne() {
        List<String> noZones = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().stream()
                .filter(region -> ZONES.ofRegion(region).isEmpty()).sorted().toList();
        // zone1970.tab lists every ISO country with people; libphonenumber's extra codes (Ascension, Tristan da Cunha,
        // Kosovo) share a zone with a neighbour under another code, so they are read as never quiet.
        assertTrue(noZones.size() <= 3, "regions without zones: " + noZones);
    }
}
