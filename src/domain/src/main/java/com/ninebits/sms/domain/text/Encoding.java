package com.ninebits.sms.domain.text;

/**
 * How a message body travels to the SMSC, with the room one part has in it.
 *
 * <p>Units are septets for {@link #GSM7} and UTF-16 code units for {@link #UCS2}. A message that
 * needs more than one part loses room in each to the concatenation header (6 octets), which is why
 * the two sizes differ.
 */
public enum Encoding {
    GSM7(160, 153),
    UCS2(70, 67);

    private final int singlePartUnits;
    private final int concatenatedPartUnits;

    Encoding(int singlePartUnits, int concatenatedPartUnits) {
        this.singlePartUnits = singlePartUnits;
        this.concatenatedPartUnits = concatenatedPartUnits;
    }

    /** Units a message may hold and still go as one part. */
    public int singlePartUnits() {
        return singlePartUnits;
    }

    /** Units each part may hold once a message needs more than one. */
    public int concatenatedPartUnits() {
        return concatenatedPartUnits;
    }
}
