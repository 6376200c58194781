package com.ninebits.sms.domain.callback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Callbacks that were given up on, kept per account until re-sent. */
public interface FailedCallbacks {

    /** A given-up event, with how many POSTs were made and why the last one failed. */
    record Failed(StatusEvent event, int attempts, String lastError, Instant failedAt) {
    }

    /** A page of an account's failed callbacks, and where the next starts (null at the end). */
    record Page(List<Failed> items, String next) {
    }

    void keep(Failed failed);

    Page list(String accountId, String after, int limit);

    Optional<Failed> find(String accountId, String eventId);

    void remove(String accountId, String eventId);
}
