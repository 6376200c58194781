package com.ninebits.sms.domain.account;

import java.time.Instant;

/**
 * A customer of the gateway. {@code balance} is prepaid credit counted in message parts: each part
 * sent to one recipient costs one. {@code rateLimitMps} parts a second reach the SMSC at most, with
 * up to {@code dispatchWindow} messages awaiting its answer at once.
 */
public record Account(String id, String name, String defaultCountry, int rateLimitMps, int dispatchWindow, int maxParts,
                      long balance, Instant createdAt, Status status, int apiRateLimit) {

    public static final int DEFAULT_RATE_LIMIT_MPS = 10;
    public static final int DEFAULT_DISPATCH_WINDOW = 32;
    public static final int DEFAULT_MAX_PARTS = 10;
    /** API requests a second each of the account's tokens may make, with bursts of twice as many. */
    public static final int DEFAULT_API_RATE_LIMIT = 50;

    /**
     * Whether the account may use the API and have its messages sent. A suspended account's tokens
     * are refused, and what it had queued waits, charged as it was, until it is active again.
     */
    public enum Status {
        ACTIVE, SUSPENDED;

        /** The word the API shows and takes. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An active account at the default request rate. */
    public Account(String id, String name, String defaultCountry, int rateLimitMps, int dispatchWindow, int maxParts,
                   long balance, Instant createdAt) {
        this(id, name, defaultCountry, rateLimitMps, dispatchWindow, maxParts, balance, createdAt, Status.ACTIVE,
                DEFAULT_API_RATE_LIMIT);
    }

    public Account {
        status = status == null ? Status.ACTIVE : status;
        apiRateLimit = apiRateLimit <= 0 ? DEFAULT_API_RATE_LIMIT : apiRateLimit;
    }

    /** The same account with another balance. */
    public Account withBalance(long newBalance) {
        return new Account(id, name, defaultCountry, rateLimitMps, dispatchWindow, maxParts, newBalance, createdAt, status,
                apiRateLimit);
    }

    public boolean suspended() {
        return status == Status.SUSPENDED;
    }
}
