package com.ninebits.sms.domain.account;

import java.security.SecureRandom;

/** Random identifiers in Crockford's base32 (no I, L, O, U): readable and safe in URLs. */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The longest identifier of any kind the gateway gives out or accepts (a reference, 64). */
    public static final int MAX_LENGTH = 64;

    private Ids() {
    }

    /**
     * Whether {@code id} could name something: every identifier the gateway gives out or accepts
     * (accounts, tokens, references, groups, events, page positions) is 1 to {@link #MAX_LENGTH}
     * of {@code A-Z a-z 0-9 _ - . :}. Anything else names nothing and is not looked up: a store
     * refuses over-long keys with an error that would read as an outage.
     */
    public static boolean couldExist(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return new String(out);
    }

    /** A ULID: 48 bits of milliseconds then 80 random bits, so that ids sort by creation time. */
    public static String ulid(long epochMillis) {
        char[] out = new char[26];
        long time = epochMillis;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        for (int i = 10; i < 26; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(32)];
        }
        return new String(out);
    }
}
