package com.ninebits.sms.domain.callback;

import com.ninebits.sms.domain.account.Ids;
import com.ninebits.sms.domain.error.DomainException;

import java.time.Clock;
import java.util.List;

/** What a customer does with callbacks the gateway gave up on: list them, and send one again. */
public final class CallbackRedelivery {

    public static final int MAX_PAGE = 100;

    private final FailedCallbacks failed;
    private final CallbackQueue queue;
    private final Clock clock;

    public CallbackRedelivery(FailedCallbacks failed, CallbackQueue queue, Clock clock) {
        this.failed = failed;
        this.queue = queue;
        this.clock = clock;
    }

    public FailedCallbacks.Page failed(String accountId, String after, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw DomainException.Invalid.of("page_size", "out_of_range", "page_size must be 1 to " + MAX_PAGE);
        }
        return failed.list(accountId, after, pageSize);
    }

    /**
     * Queues the event again with a fresh 24 hours of retries, then forgets the failure. Queued
     * first: a crash in between leaves it listed and sent, never lost; receivers de-duplicate.
     */
    public StatusEvent retry(String accountId, String eventId) {
        if (!Ids.couldExist(eventId)) {
            throw new DomainException.NotFound("failed callback");
        }
        FailedCallbacks.Failed found = failed.find(accountId, eventId)
                .orElseThrow(() -> new DomainException.NotFound("failed callback"));
        queue.send(List.of(CallbackTask.first(found.event(), clock.instant())));
        failed.remove(accountId, eventId);
        return found.event();
    }
}
