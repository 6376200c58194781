package com.ninebits.sms.domain.text;

import java.util.List;
import java.util.Objects;

/**
 * A message body as it will be sent: its encoding, its length in that encoding's units, and the
 * parts it splits into, each of which is charged.
 *
 * @param encoding GSM7 when every character has a GSM 7-bit form, else UCS2
 * @param units    septets for GSM7, UTF-16 code units for UCS2 (a character outside the BMP counts two)
 * @param parts    the body cut into the texts of its parts, in order; never empty
 */
public record MessageText(Encoding encoding, int units, List<String> parts) {

    public MessageText {
        Objects.requireNonNull(encoding, "encoding");
        if (units < 0) {
            throw new IllegalArgumentException("units must not be negative: " + units);
        }
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a message has at least one part");
        }
    }

    public int partCount() {
        return parts.size();
    }
}
