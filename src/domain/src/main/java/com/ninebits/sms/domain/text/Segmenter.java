package com.ninebits.sms.domain.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses a body's encoding and cuts it into SMS parts, as GSM 03.38 and 03.40 concatenation
 * allow.
 *
 * <p>Runs on every send request, so it scans by {@code char} with a table lookup and allocates
 * nothing per character. Cutting is greedy, which for an ordered text with a fixed room per part
 * is also the fewest parts, and so the least the customer is charged.
 */
public final class Segmenter {

    private Segmenter() {
    }

    /**
     * The body's encoding, length and parts. An empty body is one GSM7 part of 0 units: whether an
     * empty body may be sent is for validation to say, not for this count.
     */
    public static MessageText segment(String body) {
        Objects.requireNonNull(body, "body");
        int septets = gsmSeptets(body);
        Encoding encoding = septets >= 0 ? Encoding.GSM7 : Encoding.UCS2;
        int units = septets >= 0 ? septets : body.length();
        if (units <= encoding.singlePartUnits()) {
            return new MessageText(encoding, units, List.of(body));
        }
        List<String> parts = new ArrayList<>(units / encoding.concatenatedPartUnits() + 1);
        for (int start = 0; start < body.length(); ) {
            int end = partEnd(body, start, encoding);
            parts.add(body.substring(start, end));
            start = end;
        }
        return new MessageText(encoding, units, parts);
    }

    /** The number of parts {@link #segment} would give, without building them. */
    public static int partCount(String body) {
        Objects.requireNonNull(body, "body");
        int septets = gsmSeptets(body);
        Encoding encoding = septets >= 0 ? Encoding.GSM7 : Encoding.UCS2;
        int units = septets >= 0 ? septets : body.length();
        if (units <= encoding.singlePartUnits()) {
            return 1;
        }
        int count = 0;
        for (int start = 0; start < body.length(); start = partEnd(body, start, encoding)) {
            count++;
        }
        return count;
    }

    /** Septets for the whole body, or -1 as soon as one character has no GSM form. */
    private static int gsmSeptets(String body) {
        int total = 0;
        for (int i = 0, n = body.length(); i < n; i++) {
            int septets = GsmAlphabet.septets(body.charAt(i));
            if (septets == 0) {
                return -1;
            }
            total += septets;
        }
        return total;
    }

    /**
     * Where the concatenated part starting at {@code start} ends (exclusive). A Java {@code char}
     * of an extension character is its whole escape pair, so stopping before a char that does not
     * fit never splits one; a surrogate pair needs the explicit step back.
     */
    private static int partEnd(String body, int start, Encoding encoding) {
        int n = body.length();
        int room = encoding.concatenatedPartUnits();
        if (encoding == Encoding.UCS2) {
            int end = Math.min(start + room, n);
            if (end < n
                    && Character.isHighSurrogate(body.charAt(end - 1))
                    && Character.isLowSurrogate(body.charAt(end))) {
                end--;
            }
            return end;
        }
        int used = 0;
        int i = start;
        while (i < n) {
            int septets = GsmAlphabet.septets(body.charAt(i));
            if (used + septets > room) {
                break;
            }
            used += septets;
            i++;
        }
        return i;
    }
}
