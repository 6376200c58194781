package com.ninebits.sms.domain.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"+2348020000000", "2348020000000", "002348020000000", "08020000000"})
    void readsEveryWayOfWritingANigerianMobile(String raw) {
        assertEquals(Optional.of("2348020000000"), PhoneNumbers.normalise(raw, "NG"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+234 802 000 0000", " +234-802-000-0000 ", "+234 (802) 000.0000", "0802 000 0000"})
    void ignoresSpacesDashesBracketsAndDots(String raw) {
        assertEquals(Optional.of("2348020000000"), PhoneNumbers.normalise(raw, "NG"));
    }

    @Test
    void readsANationalNumberWithTheAccountsCountry() {
        assertEquals(Optional.of("233241234567"), PhoneNumbers.normalise("0241234567", "GH"));
        assertEquals(Optional.of("447911123456"), PhoneNumbers.normalise("07911123456", "gb"));
    }

    @Test
    void anInternationalNumberIgnoresTheAccountsCountry() {
        assertEquals(Optional.of("447911123456"), PhoneNumbers.normalise("+447911123456", "NG"));
        assertEquals(Optional.of("447911123456"), PhoneNumbers.normalise("00447911123456", "NG"));
        assertEquals(Optional.of("447911123456"), PhoneNumbers.normalise("447911123456", null));
    }

    @Test
    void aNationalNumberNeedsACountry() {
        assertEquals(Optional.empty(), PhoneNumbers.normalise("08020000000", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "+12", "0012", "1", "+", "00", "0"})
    void refusesNumbersTooShortToExist(String raw) {
        assertEquals(Optional.empty(), PhoneNumbers.normalise(raw, "NG"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "+234802000000O", "0802000000a", "+234802000000#", "2348020000000;1",
            "grp_abc"})
    void refusesLetters(String raw) {
        assertEquals(Optional.empty(), PhoneNumbers.normalise(raw, "NG"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+23480200000001234567", "234802000000012345678901234567890",
            "080200000001234567"})
    void refusesNumbersTooLong(String raw) {
        assertEquals(Optional.empty(), PhoneNumbers.normalise(raw, "NG"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void refusesNothing(String raw) {
        assertEquals(Optional.empty(), PhoneNumbers.normalise(raw, "NG"));
    }

    @Test
    void knowsWhichCountriesItSupports() {
        assertTrue(PhoneNumbers.isSupportedCountry("NG"));
        assertTrue(PhoneNumbers.isSupportedCountry("gh"));
        assertFalse(PhoneNumbers.isSupportedCountry("XX"));
        assertFalse(PhoneNumbers.isSupportedCountry("ZZ"));
        assertFalse(PhoneNumbers.isSupportedCountry("NGA"));
        assertFalse(PhoneNumbers.isSupportedCountry(""));
        assertFalse(PhoneNumbers.isSupportedCountry(null));
    }

    @Test
    void masksAllButTheLastThreeDigits() {
        assertEquals("****000", PhoneNumbers.masked("2348020000000"));
        assertEquals("****567", PhoneNumbers.masked("447911234567"));
        assertFalse(PhoneNumbers.masked("2348021234567").contains("234802"));
    }

    @Test
    void masksShortOrMissingNumbersCompletely() {
        assertEquals("****", PhoneNumbers.masked(null));
        assertEquals("****", PhoneNumbers.masked(""));
        assertEquals("****", PhoneNumbers.masked("123"));
    }
}
