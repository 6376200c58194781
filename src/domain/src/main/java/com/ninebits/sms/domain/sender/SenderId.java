package com.ninebits.sms.domain.sender;

import java.time.Instant;

/** A sender ID an account asked to send from, and whether the operator allowed it. */
public record SenderId(String accountId, String senderId, Status status, Instant createdAt, Instant updatedAt) {

    public enum Status {
        PENDING, APPROVED, REJECTED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Alphanumeric, 1 to 11 characters, or a number of up to 15 digits (what GSM allows in the originator). */
    public static boolean isValidShape(String value) {
        if (value == null || value.isEmpty() || value.length() > 15) {
            return false;
        }
        boolean allDigits = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!digit && !letter) {
                return false;
            }
            allDigits &= digit;
        }
        return allDigits || value.length() <= 11;
    }
}
