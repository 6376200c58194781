package com.ninebits.sms.api;

import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.error.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens: the position to continue after, base64url so clients do not build them. */
public final class PageTokens {

    /** Base64 of the longest position, {@link Ids#MAX_LENGTH} characters. */
    static final int MAX_TOKEN_LENGTH = (Ids.MAX_LENGTH + 2) / 3 * 4;

    private PageTokens() {
    }

    /**
     * The {@code page_size} query parameter: {@code defaultSize} when absent, else a whole number
     * (its range is the use case's rule). Read from text, since JAX-RS answers 404, not 400, to a
     * query parameter it cannot convert.
     */
    public static int pageSize(String raw, int defaultSize) {
        if (raw == null || raw.isBlank()) {
            return defaultSize;
        }
        String text = raw.strip();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            if (text.matches("[+-]?\\d+")) {
                // A whole number beyond int: let the range rule name it.
                return text.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            }
            throw DomainException.Invalid.of("page_size", "invalid_type", "page_size must be a whole number");
        }
    }

    public static String encode(String position) {
        return position == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a token names. One longer than any this API gives out (a position is an id,
     * a number or a phone number) is refused before it can reach a store as a key.
     */
    public static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw notOurs();
        }
        String position;
        try {
            position = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
        if (!Ids.couldExist(position)) {
            throw notOurs();
        }
        return position;
    }

    /** The longest position a page token of the list of batches names: an account, a time and a reference. */
    static final int MAX_LISTING_TOKEN_LENGTH = (2 * Ids.MAX_LENGTH + 20 + 2) / 3 * 4;

    /**
     * The position a list-of-batches token names, as text for its use case to check (it names the
     * account it was given to, so the check is the use case's); one that is no base64 or too long
     * for any position is refused here.
     */
    public static String decodeListing(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        if (token.length() > MAX_LISTING_TOKEN_LENGTH) {
            throw notOurs();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notOurs();
        }
    }

    private static DomainException.Invalid notOurs() {
        return DomainException.Invalid.of("page_token", "invalid_page_token", "page_token is not one this API gave out");
    }
}
