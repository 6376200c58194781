package com.ninebits.sms.adapters.sinch;

import java.util.Locale;
import java.util.Optional;

/** Sinch's {@code delivery_report}: which reports a batch created through {@code /xms} asks for. */
public enum SinchReport {
    /** No callback. */
    NONE,
    /** One {@code delivery_report_sms} with counts per status, once every message is final. */
    SUMMARY,
    /** As {@link #SUMMARY}, with the recipients of each status. */
    FULL,
    /** One {@code recipient_delivery_report_sms} for every status change of every message. */
    PER_RECIPIENT,
    /** One {@code recipient_delivery_report_sms} for the final status of every message. */
    PER_RECIPIENT_FINAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SinchReport> parse(String text) {
        for (SinchReport r : values()) {
            if (r.wire().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether callbacks are owed at all: the gateway's own subscription is then on. */
    public boolean subscribes() {
        return this != NONE;
    }

    /** Whether reports are per batch, owed once the whole batch is final. */
    public boolean perBatch() {
        return this == SUMMARY || this == FULL;
    }
}
