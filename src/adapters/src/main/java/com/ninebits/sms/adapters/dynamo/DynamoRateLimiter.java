package com.ninebits.sms.adapters.dynamo;

import com.ninebits.sms.domain.dispatch.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;

/**
 * A one-second window per account ({@code RATE#id / RATE}) shared by every dispatcher: a new
 * second resets the count, and parts are added only while the count stays within the rate. Both
 * are single conditional updates, so concurrent dispatchers never take more than the rate.
 */
@ApplicationScoped
public class DynamoRateLimiter implements RateLimiter {

    private final Table accounts;
    private final Clock clock;

    public DynamoRateLimiter(Tables tables, Clock clock) {
        this.accounts = tables.accounts();
        this.clock = clock;
    }

    @Override
    public Duration acquire(String accountId, int ratePerSecond, int parts) {
        long millis = clock.millis();
        long second = millis / 1000;
        if (parts > ratePerSecond) {
            throw new IllegalArgumentException("ask for at most the rate at once");
        }
        Keys.Key window = Keys.rateWindow(accountId);
        if (openWindow(window, second, parts) || addToWindow(window, second, parts, ratePerSecond)) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(1, 1000 - millis % 1000));
    }

    /** Starts the window of {@code second} with {@code parts}, unless a dispatcher started it already. */
    private boolean openWindow(Keys.Key window, long second, int parts) {
        return accounts.update(window)
                .set("#window = :second").set("used = :parts")
                .name("#window", "window").value(":second", second).value(":parts", parts)
                .when("attribute_not_exists(pk) OR #window < :second")
                .applyIf();
    }

    /** Adds {@code parts} to the open window of {@code second} while the count stays within the rate. */
    private boolean addToWindow(Keys.Key window, long second, int parts, int ratePerSecond) {
        return accounts.update(window)
                .set("used = used + :parts")
                .name("#window", "window").value(":second", second).value(":parts", parts)
                .value(":limit", (long) ratePerSecond - parts)
                .when("#window = :second AND used <= :limit")
                .applyIf();
    }
}
