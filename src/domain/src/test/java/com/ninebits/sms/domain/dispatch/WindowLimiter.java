package com.ninebits.sms.domain.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A rate limiter with one window per account per second of the (fake) clock: parts are taken while
 * the window holds room for all of them; otherwise nothing is taken and the answer is the time left
 * until the next second.
 */
final class WindowLimiter implements RateLimiter {

    private record Window(long second, int used) {
    }

    private final Clock clock;
    private final Map<String, Window> windows = new HashMap<>();

    WindowLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Duration acquire(String accountId, int ratePerSecond, int parts) {
        long millis = clock.millis();
        long second = Math.floorDiv(millis, 1000);
        Window w = windows.get(accountId);
        int used = w == null || w.second() != second ? 0 : w.used();
        if (used + parts <= ratePerSecond) {
            windows.put(accountId, new Window(second, used + parts));
            return Duration.ZERO;
        }
        return Duration.ofMillis((second + 1) * 1000 - millis);
    }
}
