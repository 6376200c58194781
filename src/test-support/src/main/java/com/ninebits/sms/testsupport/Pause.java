package com.ninebits.sms.testsupport;

import java.time.Duration;

/** A wait between two polls of something starting up; an interrupt ends the wait and the start. */
final class Pause {

    private Pause() {
    }

    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
