package com.ninebits.sms.domain.account;

import java.time.Instant;

/**
 * A customer of the gateway. {@code balance} is prepaid credit counted in message parts: each part
 * sent to one recipient costs one. {@code rateLimitMps} parts a second reach the SMSC at most, with
 * up to {@code dispatchWindow} messages awaiting its answer at once.
 */
public record Account(String id, String name, String defaultCountry, int rateLimitMps, int dispatchWindow, int maxParts,
                      long balance, Instant createdAt) {

    public static final int DEFAULT_RATE_LIMIT_MPS = 10;
    public static final int DEFAULT_DISPATCH_WINDOW = 32;
    public static final int DEFAULT_MAX_PARTS = 10;

    /** The same account with another balance. */
    public Account withBalance(long newBalance) {
        return new Account(id, name, defaultCountry, rateLimitMps, dispatchWindow, maxParts, newBalance, createdAt);
    }
}
