package com.ninebits.sms.domain.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads phone numbers as customers write them ({@code +234…}, {@code 234…}, {@code 00234…}, or a
 * national {@code 0802…} read with the account's country) and writes them as E.164 digits
 * without the plus, which is how the gateway stores and shows them.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<String> REGIONS = UTIL.getSupportedRegions();

    private PhoneNumbers() {
    }

    public static boolean isSupportedCountry(String isoCountry) {
        return isoCountry != null && REGIONS.contains(isoCountry.toUpperCase(Locale.ROOT));
    }

    /** E.164 digits without {@code +}, or empty when libphonenumber says no such number is possible. */
    public static Optional<String> normalise(String raw, String defaultCountry) {
        if (raw == null) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.isEmpty() || text.length() > 32) {
            return Optional.empty();
        }
        String candidate;
        String region;
        if (text.startsWith("+")) {
            candidate = text;
            region = "ZZ";
        } else if (text.startsWith("00")) {
            candidate = "+" + text.substring(2);
            region = "ZZ";
        } else if (text.startsWith("0")) {
            candidate = text;
            region = defaultCountry == null ? "ZZ" : defaultCountry.toUpperCase(Locale.ROOT);
        } else {
            // Digits without a trunk prefix: international format without the plus.
            candidate = "+" + text;
            region = "ZZ";
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(Character.isDigit(c) || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.')) {
                return Optional.empty();
            }
        }
        try {
            PhoneNumber number = UTIL.parse(candidate, region);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(number.getCountryCode() + UTIL.getNationalSignificantNumber(number));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The region (ISO 3166 code) a stored number belongs to, as libphonenumber tells it from its
     * country code and leading digits; empty for a non-geographic number (such as {@code +800}) or
     * one it cannot place.
     */
    public static Optional<String> regionOf(String e164) {
        try {
            String region = UTIL.getRegionCodeForNumber(UTIL.parse("+" + e164, "ZZ"));
            return region == null || region.equals("ZZ") || region.equals("001") ? Optional.empty() : Optional.of(region);
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The last digits only, for logs: a full phone number never reaches a log line. */
    public static String masked(String e164) {
        if (e164 == null || e164.length() < 4) {
            return "****";
        }
        return "****" + e164.substring(e164.length() - 3);
    }
}
