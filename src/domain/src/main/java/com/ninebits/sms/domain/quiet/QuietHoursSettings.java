package com.ninebits.sms.domain.quiet;

import com.ninebits.sms.domain.error.DomainException;

/** {@code /ng/v1/settings/quiet-hours}: set, read (404 while unset), clear. */
public final class QuietHoursSettings {

    private final QuietHoursStore store;

    public QuietHoursSettings(QuietHoursStore store) {
        this.store = store;
    }

    public QuietHours set(String accountId, String start, String end) {
        QuietHours hours = QuietHours.parse(start, end);
        store.put(accountId, hours);
        return hours;
    }

    public QuietHours get(String accountId) {
        return store.find(accountId).orElseThrow(() -> new DomainException.NotFound("quiet hours setting"));
    }

    /** Clearing what is not set changes nothing, so that a repeated DELETE is harmless. */
    public void clear(String accountId) {
        store.delete(accountId);
    }
}
