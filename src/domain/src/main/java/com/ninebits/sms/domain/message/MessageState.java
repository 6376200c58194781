package com.ninebits.sms.domain.batch;

import java.time.Instant;
import java.util.Locale;

/** Where one message of a batch stands, once it has left the queue. */
public record MessageState(int index, String to, Status status, int parts, String smscMessageId, Instant smscTimestamp,
                           Instant updatedAt, String errorCode) {

    public enum Status {
        QUEUED, DISPATCHED, DELIVERED, FAILED, REJECTED, EXPIRED, CANCELLED, UNKNOWN;

        public boolean isFinal() {
            return this == DELIVERED || this == FAILED || this == REJECTED || this == EXPIRED || this == CANCELLED;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
