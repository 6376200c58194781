package com.ninebits.sms.domain.text;

/**
 * The GSM 03.38 default alphabet and its extension table, as mapped by Unicode's GSM0338.TXT.
 *
 * <p>Only the default tables count: national language shift tables need the handset and the SMSC
 * to agree on them, which an A2P route cannot promise.
 */
public final class GsmAlphabet {

    /**
     * The basic table in septet order, so that it reads against the standard line by line. Position
     * 0x1B is the escape to the extension table, not a character; it is skipped when the lookup is
     * built.
     */
    private static final String BASIC_TABLE =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    private static final int ESCAPE = 0x1B;

    /** Each costs the escape septet plus its own. */
    private static final String EXTENSION_TABLE = "\f^{}\\[~]|€";

    private static final int EURO = '€';

    /**
     * Septets per code point, 0 for none. Every GSM character but the euro sign lies below U+0400,
     * so one small array answers in a single load on the hot path of every send.
     */
    private static final byte[] SEPTETS = new byte[0x400];

    static {
        for (int code = 0; code < BASIC_TABLE.length(); code++) {
            if (code != ESCAPE) {
                SEPTETS[BASIC_TABLE.charAt(code)] = 1;
            }
        }
        for (int i = 0; i < EXTENSION_TABLE.length(); i++) {
            char c = EXTENSION_TABLE.charAt(i);
            if (c < SEPTETS.length) {
                SEPTETS[c] = 2;
            }
        }
    }

    private GsmAlphabet() {
    }

    /** Whether the code point is in the basic table, and so costs one septet. */
    public static boolean isBasic(int codePoint) {
        return septets(codePoint) == 1;
    }

    /** Whether the code point is in the extension table, and so costs two septets. */
    public static boolean isExtension(int codePoint) {
        return septets(codePoint) == 2;
    }

    /** Whether the code point can be sent in GSM 7-bit at all. */
    public static boolean isGsm7(int codePoint) {
        return septets(codePoint) != 0;
    }

    /**
     * Septets the code point costs in GSM 7-bit: 1 for the basic table, 2 for the extension table,
     * 0 when it has no GSM form (which forces the whole message to UCS-2).
     *
     * <p>A UTF-16 surrogate passed on its own answers 0, so a caller may scan a string by
     * {@code char}: no GSM character lies outside the BMP.
     */
    public static int septets(int codePoint) {
        if (codePoint >= 0 && codePoint < SEPTETS.length) {
            return SEPTETS[codePoint];
        }
        return codePoint == EURO ? 2 : 0;
    }
}
