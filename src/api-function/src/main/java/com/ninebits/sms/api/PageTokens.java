package com.ninebits.sms.api;

import com.ninebits.sms.domain.error.DomainException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page tokens: the position to continue after, base64url so clients do not build them. */
public final class PageTokens {

    private PageTokens() {
    }

    public static String encode(String position) {
        return position == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DomainException.Invalid.of("page_token", "invalid_page_token", "page_token is not one this API gave out");
        }
    }
}
