package com.ninebits.sms.domain.account;

import java.time.Instant;

/**
 * A customer of the gateway. {@code balance} is prepaid credit counted in message parts: each part
 * sent to one recipient costs one.
 */
public record Account(String id, String name, String defaultCountry, int rateLimitMps, int maxParts,
                      long balance, Instant createdAt) {

    public static final int DEFAULT_RATE_LIMIT_MPS = 10;
    public static final int DEFAULT_MAX_PARTS = 10;
}
