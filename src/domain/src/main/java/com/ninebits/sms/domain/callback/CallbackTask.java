package com.ninebits.sms.domain.callback;

import java.time.Instant;

/**
 * A status event on its way to the customer: how many POSTs were made, when the first was due
 * (retries stop 24 hours after it) and when the next is due.
 */
public record CallbackTask(StatusEvent event, int attempts, Instant firstDueAt, Instant dueAt) {

    /** A new event, due at once. */
    public static CallbackTask first(StatusEvent event, Instant now) {
        return new CallbackTask(event, 0, now, now);
    }

    CallbackTask retryAt(Instant next) {
        return new CallbackTask(event, attempts + 1, firstDueAt, next);
    }

    CallbackTask deferTo(Instant next) {
        return new CallbackTask(event, attempts, firstDueAt, next);
    }
}
