package com.ninebits.sms.domain.dispatch;

import java.time.Duration;

/** An account's dispatch rate, shared by every dispatcher instance. */
public interface RateLimiter {

    /**
     * Takes {@code parts} of this second's {@code ratePerSecond}. Returns zero when taken, or how
     * long to wait before asking again (nothing was taken).
     */
    Duration acquire(String accountId, int ratePerSecond, int parts);
}
